// Writes a content folder with the demo site and N generated posts, newest
// last in file order: the fixture for the feed's end-to-end tests and bench.
// With `paragraphs`, each body has that many paragraphs of 60 words drawn
// from Czech, Ukrainian and English (the same words for the same post),
// for the search bench.
// Usage: node scripts/generate-posts.mjs COUNT OUT_DIR [PARAGRAPHS]
import { mkdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = (
  'výzkum kultura spolupráce velvyslanectví setkání Praha vzdělávání podnikání hudba divadlo ' +
  'дослідження культура співпраця посольство зустріч Київ освіта бізнес музика театр ' +
  'research culture cooperation embassy meeting Prague education business music theatre ' +
  'forum members guests reception garden winter square river bridge history future'
).split(' ');

/** 60 words for paragraph `p` of post `i`, always the same. */
function paragraph(i, p) {
  let seed = (i + 1) * 7919 + p * 104729;
  const words = [];
  for (let w = 0; w < 60; w++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    words.push(WORDS[seed % WORDS.length]);
  }
  return words.join(' ') + '.';
}

export function generatePosts(count, out, { paragraphs = 0 } = {}) {
  mkdirSync(join(out, 'posts'), { recursive: true });
  mkdirSync(join(out, 'images'), { recursive: true });
  copyFileSync(new URL('../content/site.json', import.meta.url), join(out, 'site.json'));
  // The one picture the covers use; the server makes its variants.
  copyFileSync(new URL('../content/images/gallery-vltava.webp', import.meta.url), join(out, 'images', 'gallery-vltava.webp'));
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i++) {
    const slug = `generated-post-${String(i).padStart(4, '0')}`;
    const published = new Date(start + i * 3_600_000).toISOString().replace('.000Z', 'Z');
    const image = (name) => ({ src: `/images/${name}.webp`, alt: '' });
    const post = {
      slug,
      title: `Generated post number ${i}`,
      excerpt: `The ${i}th post of a generated feed, for tests and benchmarks.`,
      author: { name: i % 2 ? 'Hans Weber' : 'Jana Nováková' },
      lang: i % 5 === 0 ? 'cs' : 'en',
      published_at: published,
      cover: i % 3 === 0 ? image('gallery-vltava') : undefined,
      reading_minutes: 1 + (i % 7),
      tags: [],
      body: [
        { type: 'paragraph', text: [{ text: `Body of post ${i}.` }] },
        ...Array.from({ length: paragraphs }, (_, p) => ({ type: 'paragraph', text: [{ text: paragraph(i, p) }] })),
      ],
    };
    writeFileSync(join(out, 'posts', `${slug}.json`), JSON.stringify(post));
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, out, paragraphs = '0'] = process.argv.slice(2);
  generatePosts(Number(count), out, { paragraphs: Number(paragraphs) });
  console.log(`wrote ${count} posts to ${out}`);
}
