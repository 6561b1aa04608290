// The thin ESM wrapper (ECOSYSTEM.md §2): one plugin object for `import` and `require`,
// so mixing flat config imports with FlatCompat never defines the plugin twice.
import { writeFileSync } from 'node:fs';

const wrapper = "import plugin from './index.js';\nexport default plugin;\n";
writeFileSync(new URL('../dist/index.mjs', import.meta.url), wrapper);
writeFileSync(new URL('../dist/index.d.mts', import.meta.url), "import plugin from './index.js';\nexport default plugin;\n");
