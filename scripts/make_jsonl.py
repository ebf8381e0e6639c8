#!/usr/bin/env python3
"""make_corpus.py's articles (../shared/tools/make_corpus.py: same sources, shuffle and seed), written as JSON Lines
files of 1,000 articles each instead of one .txt each (a million small files would take 4 KB of disk apiece).
Each copy of a text has its paragraphs shuffled and its number in the title and "id". For the README's
"Big collections" figures:
  scripts/make_jsonl.py /tmp/mixed-1m 1000000 ../shared/corpora/allsides/allsides-2000.jsonl \
      ../shared/corpora/bbc ../shared/corpora/reuters21578/txt
Usage: make_jsonl.py OUT_DIR N SOURCE..."""
import json, os, random, sys
out, n, sources = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rows = []
for src in sources:
    if os.path.isdir(src):
        for root, _, files in sorted(os.walk(src)):
            for name in sorted(files):
                if not name.endswith(".txt") or name.upper() == "README.TXT":
                    continue
                raw = open(os.path.join(root, name), "rb").read().decode("utf-8", "replace")
                raw = "".join(c for c in raw if c in "\n\t" or c >= " ")
                title, _, body = raw.strip().partition("\n")
                if len(body) > 300:
                    rows.append((title.strip() or "Untitled", body))
    else:
        for line in open(src, encoding="utf-8"):
            r = json.loads(line)
            body = r.get("content_original") or r.get("content") or r.get("text") or r.get("body") or ""
            if len(body) > 300:
                rows.append((r.get("title") or "Untitled", body))
rng = random.Random(61)
rng.shuffle(rows)
os.makedirs(out, exist_ok=True)
total = 0
f = None
for i in range(n):
    if i % 1000 == 0:
        if f: f.close()
        f = open(os.path.join(out, f"{i // 1000:04d}.jsonl"), "w", encoding="utf-8")
    title, body = rows[i % len(rows)]
    paras = [p for p in body.split("\n") if p.strip()]
    rng.shuffle(paras)
    line = json.dumps({"id": i, "title": f"{title} ({i})", "text": "\n\n".join(paras)}) + "\n"
    f.write(line)
    total += len(line.encode("utf-8"))
f.close()
print(f"{n} articles from {len(rows)} distinct texts, {total/1e6:.1f} MB in {out}")
