// Preloaded into the CLI under test (`node --import`): every way out of the
// process that the permission model does not cover (network, DNS, child
// processes, native addons) writes `TRIPWIRE <what>` to stderr and throws.
import childProcess from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';

const tripped = (what) => () => {
  process.stderr.write(`TRIPWIRE ${what}\n`);
  throw new Error(`tripwire: ${what}`);
};
const wire = (object, names, prefix) => {
  for (const name of names) {
    if (typeof object[name] === 'function') object[name] = tripped(`${prefix}.${name}`);
  }
};
wire(net.Socket.prototype, ['connect'], 'net.Socket');
wire(net, ['connect', 'createConnection', 'createServer'], 'net');
wire(dgram, ['createSocket'], 'dgram');
wire(dns, ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny'], 'dns');
wire(http, ['request', 'get', 'createServer'], 'http');
wire(https, ['request', 'get', 'createServer'], 'https');
wire(tls, ['connect'], 'tls');
wire(childProcess, ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], 'child_process');
wire(process, ['dlopen'], 'process');
if (typeof globalThis.fetch === 'function') globalThis.fetch = tripped('fetch');
syncBuiltinESMExports();
