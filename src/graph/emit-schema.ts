import fs from 'node:fs';
import path from 'node:path';
import { printSortedSchema } from './schema';

/** `npm run schema`: writes schema/schema.graphql from the code. */
const target = path.resolve(__dirname, '../../schema/schema.graphql');
fs.writeFileSync(target, printSortedSchema());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
