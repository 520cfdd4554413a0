// Opens an .apkg with anki-reader (an independent implementation, from npm) and prints what it sees as JSON.
import { readAnkiPackage } from 'anki-reader';
import { readFileSync } from 'fs';

const { collection } = await readAnkiPackage(new Blob([readFileSync(process.argv[2])]));
const decks = collection.getDecks();
const result = { decks: [], cards: 0, fronts: [] };
for (const deck of Object.values(decks)) {
  const cards = Object.values(deck.getCards());
  result.decks.push(deck.getName());
  result.cards += cards.length;
  for (const card of cards) result.fronts.push(card.getFront());
}
console.log(JSON.stringify(result));
