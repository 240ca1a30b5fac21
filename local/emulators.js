// Starts one local AWS emulator on a loopback port the system picks (port 0, so no other process can take it
// between choosing and binding) and prints "listening on port N" once it accepts connections.
//   node local/emulators.js dynamodb   dynalite, in memory, tables created and deleted at once
//   node local/emulators.js ses        aws-ses-v2-local
'use strict';
const which = process.argv[2];
const announce = (port) => console.log('listening on port ' + port);

if (which === 'dynamodb') {
  const server = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(0, '127.0.0.1', () => announce(server.address().port));
} else if (which === 'ses') {
  require('aws-ses-v2-local').default({ host: '127.0.0.1', port: 0 })
    .then((server) => announce(server.address().port))
    .catch((error) => { console.error(error); process.exit(1); });
} else {
  console.error('usage: node local/emulators.js dynamodb|ses');
  process.exit(2);
}
