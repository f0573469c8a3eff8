// Reference oracle for request ids: @dfinity/agent's requestIdOf.
// stdin: [{field: value}] where a value is {"text": s} | {"blob": hex} | {"nat": decimal} | {"array": [values]}
// stdout: [hex request id]
import { requestIdOf } from '@dfinity/agent';

const toJs = (v) => ('text' in v ? v.text : 'blob' in v ? Uint8Array.from(Buffer.from(v.blob, 'hex')) : 'nat' in v ? BigInt(v.nat) : v.array.map(toJs));
const input = JSON.parse(await new Promise((resolve) => { let s = ''; process.stdin.on('data', (d) => { s += d; }); process.stdin.on('end', () => resolve(s)); }));
const ids = input.map((content) => Buffer.from(requestIdOf(Object.fromEntries(Object.entries(content).map(([k, v]) => [k, toJs(v)])))).toString('hex'));
process.stdout.write(JSON.stringify(ids));
