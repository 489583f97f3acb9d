// node tools/ps_syntax.cjs FILE.ps1...: parses each file with the tree-sitter PowerShell
// grammar (web-tree-sitter + the grammar's wasm, from build/npm) and prints every ERROR or
// MISSING node as FILE:LINE:COLUMN; exit 1 when there is one, 0 when every file parses.
// Env WUFIX_NODE_MODULES: the node_modules folder (scripts/npm_tools.sh prints it).
// Run it with `node --liftoff-only`: with optimising wasm compilation in the background, node
// waits for it at exit, which takes minutes on a busy 2-core machine.
const path = require('path');
const fs = require('fs');
const modules = process.env.WUFIX_NODE_MODULES;
const { Parser, Language } = require(require.resolve('web-tree-sitter', { paths: [modules] }));

function problems(node, out) {
  if (node.type === 'ERROR' || node.isMissing) out.push(node);
  for (const child of node.children) problems(child, out);
  return out;
}

(async () => {
  await Parser.init();
  const grammar = path.join(modules, 'tree-sitter-powershell', 'tree-sitter-powershell.wasm');
  const language = await Language.load(grammar);
  const parser = new Parser();
  parser.setLanguage(language);
  let bad = 0;
  for (const file of process.argv.slice(2)) {
    const tree = parser.parse(fs.readFileSync(file, 'utf8'));
    for (const n of problems(tree.rootNode, [])) {
      bad++;
      const p = n.startPosition;
      console.log(`${file}:${p.row + 1}:${p.column + 1}: ${n.isMissing ? 'missing ' + n.type : 'syntax error'}`);
    }
  }
  process.exit(bad ? 1 : 0);  // web-tree-sitter keeps the event loop alive
})().catch((e) => { console.error(e); process.exit(2); });
