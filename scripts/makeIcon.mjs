// Renders build/icon.svg to build/icon.png (512×512), the icon electron-builder makes every
// platform's icons from. Run after changing the SVG: node scripts/makeIcon.mjs (the PNG is committed).
import { Resvg } from '@resvg/resvg-js';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const build = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'build');
const png = new Resvg(readFileSync(path.join(build, 'icon.svg')), { fitTo: { mode: 'width', value: 512 } }).render().asPng();
writeFileSync(path.join(build, 'icon.png'), png);
console.log(`lectern: wrote build/icon.png (${png.length} bytes)`);
