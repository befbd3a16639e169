import { buildReports, prepareEdition } from './pipeline/build/index.ts';
import { tempConfig } from './tests/helpers/temp-config.ts';
const codes = process.argv.slice(2);
const ed = await prepareEdition(await tempConfig({ outputDir: '/tmp/brief-look/out', ...(process.env.EFF ? { efficiencyFile: process.env.EFF } : {}) }));
const s = await buildReports(ed, { codes });
for (const b of s.briefs) console.log(b.kommunkod, b.status, b.record?.pages, Math.round(b.ms), b.warnings, b.error?.cause);
for (const o of s.outcomes) console.log('report', o.kommunkod, o.status, o.record?.pages, Math.round(o.ms));
console.log('wall', Math.round(s.wallMs));
