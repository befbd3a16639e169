/** Writes the Markdown twins of the given municipalities to /tmp/twin-<kod>.md (for reading). */
import { writeFileSync } from 'node:fs';
import { composeTwins } from './compose-twins.ts';

const twins = await composeTwins(process.argv.slice(2));
for (const [code, markdown] of twins) writeFileSync(`/tmp/twin-${code}.md`, markdown);
