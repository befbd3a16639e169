#!/usr/bin/env node
// Slow readers against a running `kommunrapport serve` (issue 24): opens COUNT connections from
// one local address that each send one request and never read, checks that another client is
// still served meanwhile, closes them all, and prints the server's open files and RSS at idle
// before, at the peak and 10 s after. Loopback only; stops by itself.
//
//   node bench/slow-readers.mjs SERVER_PID PORT [COUNT=13000] [PATH=/]
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';

const [pid, port, count = '13000', target = '/'] = process.argv.slice(2);
if (!pid || !port) throw new Error('usage: node bench/slow-readers.mjs SERVER_PID PORT [COUNT] [PATH]');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function sample() {
  const fds = readdirSync(`/proc/${pid}/fd`).length;
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  return { fds, rssMb: Math.round(rss / 1024) };
}

function get(localAddress) {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect({ port: Number(port), host: '127.0.0.1', localAddress }, () =>
      socket.write(`GET /robots.txt HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n`),
    );
    let head = '';
    socket.on('data', (chunk) => (head ||= chunk.toString('latin1').split('\r\n')[0]));
    socket.on('error', (error) => (head ||= error.code));
    socket.on('close', () => resolve({ status: head || 'closed', ms: Date.now() - started }));
    setTimeout(() => socket.destroy(), 10_000).unref();
  });
}

const result = { count: Number(count), idleBefore: sample() };
const sockets = [];
let refused = 0;
let failed = 0;
for (let i = 0; i < Number(count); i += 1) {
  const socket = connect({ port: Number(port), host: '127.0.0.1', localAddress: '127.0.0.2' });
  socket.on('connect', () => {
    socket.pause();
    socket.write(`GET ${target} HTTP/1.1\r\nHost: bench\r\n\r\n`);
  });
  socket.on('error', () => (failed += 1));
  socket.on('close', () => (refused += 1));
  sockets.push(socket);
  if (i % 500 === 499) await sleep(20);
}
await sleep(5000);
result.peak = sample();
result.otherClientWhileLoaded = await get('127.0.0.1');
result.closedByServer = refused;
result.connectErrors = failed;
for (const socket of sockets) socket.destroy();
await sleep(10_000);
result.idleAfter = sample();
result.otherClientAfter = await get('127.0.0.1');
console.log(JSON.stringify(result, null, 2));
