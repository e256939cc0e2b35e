import { main } from './main';

// The bundled server's entry (dist/server.js): start at once.
main();
