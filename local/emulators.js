// Starts one local AWS emulator on a loopback port the system picks (port 0, so no other process can take it
// between choosing and binding) and prints "listening on port N" once it accepts connections.
//   node local/emulators.js dynamodb          dynalite, in memory, tables created and deleted at once
//   node local/emulators.js ses [RATE]        aws-ses-v2-local behind a stand-in for SES's sending rate
//
// The SES stand-in forwards every request to aws-ses-v2-local. With a RATE (emails a second; none: no limit)
// it answers sends above RATE in one clock second as SES does (HTTP 429, SESv2's TooManyRequestsException),
// and GetAccount reports RATE as the account's MaxSendRate (without one, 1000: more than anything here
// sends). GET /_rate says what it accepted, second by second (the last 15 minutes), and when it last accepted one; PUT /_rate?perSecond=N changes the rate (0 refuses every send,
// "none" lifts the limit).
'use strict';
const http = require('http');
const which = process.argv[2];
const announce = (port) => console.log('listening on port ' + port);

const UNLIMITED = 1000;

function account(rate) {
  return {
    DedicatedIpAutoWarmupEnabled: false,
    Details: { AdditionalContactEmailAddresses: [], ContactLanguage: 'EN', MailType: 'TRANSACTIONAL',
      ReviewDetails: { CaseId: 'local', Status: 'GRANTED' }, UseCaseDescription: 'local stack', WebsiteURL: 'http://127.0.0.1' },
    EnforcementStatus: 'HEALTHY', ProductionAccessEnabled: true, SendingEnabled: true,
    SendQuota: { Max24HourSend: 50000, MaxSendRate: rate, SentLast24Hours: 0 },
    SuppressionAttributes: { SuppressedReasons: [] },
  };
}

function sesStandIn(upstreamPort, initialRate) {
  let rate = initialRate; // null: no limit
  const accepted = new Map(); // clock second -> sends accepted
  let throttled = 0;
  let lastAcceptedMillis = null;
  const json = (res, status, body, headers) => {
    res.writeHead(status, Object.assign({ 'content-type': 'application/json' }, headers || {}));
    res.end(JSON.stringify(body));
  };
  return http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === '/_rate') {
      if (req.method === 'PUT') {
        const given = url.searchParams.get('perSecond');
        if (given !== 'none' && !/^[0-9]+$/.test(given || '')) {
          json(res, 400, { message: 'perSecond must be a whole number or "none"' });
          return;
        }
        rate = given === 'none' ? null : Number(given);
      }
      // seconds older than 15 minutes are forgotten, so a long-running stack does not keep them all
      const oldest = Math.floor(Date.now() / 1000) - 900;
      for (const second of accepted.keys()) {
        if (second < oldest) accepted.delete(second);
      }
      json(res, 200, { perSecond: rate, throttled, lastAcceptedMillis, accepted: Object.fromEntries(accepted) });
      return;
    }
    if (url.pathname === '/v2/email/account' && req.method === 'GET') {
      // without a limit, a rate no burst here reaches (SES always reports one)
      json(res, 200, account(rate === null ? UNLIMITED : rate));
      return;
    }
    if (url.pathname === '/v2/email/outbound-emails' && req.method === 'POST' && rate !== null) {
      const second = Math.floor(Date.now() / 1000);
      const count = accepted.get(second) || 0;
      if (count >= rate) {
        throttled++;
        req.resume();
        json(res, 429, { message: 'Maximum sending rate exceeded.' }, { 'x-amzn-errortype': 'TooManyRequestsException' });
        return;
      }
      accepted.set(second, count + 1);
      lastAcceptedMillis = Date.now();
    } else if (url.pathname === '/v2/email/outbound-emails' && req.method === 'POST') {
      const second = Math.floor(Date.now() / 1000);
      accepted.set(second, (accepted.get(second) || 0) + 1);
      lastAcceptedMillis = Date.now();
    }
    const forward = http.request({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      });
    forward.on('error', (error) => json(res, 502, { message: String(error) }));
    req.pipe(forward);
  });
}

if (which === 'dynamodb') {
  const server = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(0, '127.0.0.1', () => announce(server.address().port));
} else if (which === 'ses') {
  const rate = process.argv[3] ? Number(process.argv[3]) : null;
  require('aws-ses-v2-local').default({ host: '127.0.0.1', port: 0 })
    .then((upstream) => {
      const standIn = sesStandIn(upstream.address().port, rate);
      standIn.keepAliveTimeout = 65000;
      standIn.listen(0, '127.0.0.1', () => announce(standIn.address().port));
    })
    .catch((error) => { console.error(error); process.exit(1); });
} else {
  console.error('usage: node local/emulators.js dynamodb|ses [RATE]');
  process.exit(2);
}
