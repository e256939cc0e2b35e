-- Neovim 0.7 as an independent LSP client of kpi-language-server: attach to
-- the KPI file given on the command line, write the diagnostics it receives
-- to $KPI_OUT as JSON, and quit.
local out = vim.env.KPI_OUT

local function finish(result)
  local file = io.open(out, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qall!')
end

local client_id = vim.lsp.start_client({
  name = 'kpi',
  cmd = { vim.env.KPI_NODE, vim.env.KPI_SERVER, '--stdio' },
  root_dir = vim.env.KPI_ROOT,
  settings = { kpi = { asOf = '2026-11-27' } },
})

vim.api.nvim_create_autocmd('BufReadPost', {
  pattern = '*.kpi.yaml',
  callback = function(args) vim.lsp.buf_attach_client(args.buf, client_id) end,
})

vim.api.nvim_create_autocmd('DiagnosticChanged', {
  callback = function()
    local found = vim.diagnostic.get(0)
    if #found == 0 then return end
    local result = {}
    for _, d in ipairs(found) do
      local lsp = (d.user_data or {}).lsp or {}
      table.insert(result, { line = d.lnum, col = d.col, severity = d.severity, code = d.code or lsp.code, source = d.source, message = d.message })
    end
    finish({ diagnostics = result })
  end,
})

vim.defer_fn(function() finish({ error = 'no diagnostics within 20 seconds' }) end, 20000)
