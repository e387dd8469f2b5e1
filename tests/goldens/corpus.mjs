// The text corpus the golden generators train their small tokenizers on: the folder named by the CORPUS environment
// variable, holding en-prose.txt, code/python.txt and parallel/LANG.txt (English prose, Python source and a
// line-aligned parallel text, built from Debian packages). The committed goldens were made from such a folder; the
// tests themselves never read it.
export function corpusDir() {
  const dir = process.env.CORPUS;
  if (!dir) {
    console.error("error: set CORPUS to the corpus folder (en-prose.txt, code/python.txt, parallel/LANG.txt)");
    process.exit(2);
  }
  return dir;
}
