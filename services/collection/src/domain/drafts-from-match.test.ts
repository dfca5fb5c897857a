import { describe, expect, it } from "vitest";
import type { Candidate, CardsMatched, MatchedCard } from "@poke-ventory/contracts";
import { draftsFromMatch } from "./drafts-from-match";
import { draftView } from "./views";

const candidate = (cardId: string, score: number): Candidate => ({
  cardId,
  name: `Name ${cardId}`,
  names: { en: `Name ${cardId}`, fr: `Nom ${cardId}` },
  setId: "sv3",
  setName: "Obsidian Flames",
  number: cardId.split("-")[1],
  score,
  reasons: ["name"],
  imageUrl: null,
});

const card = (index: number, candidates: Candidate[]): MatchedCard => ({
  index,
  quad: [[0, 0], [10, 0], [10, 14], [0, 14]],
  rotation: 0,
  position: null,
  cropKey: `crops/img/${index}.jpg`,
  features: {
    name: "Charizard ex",
    hp: 330,
    number: "125",
    printedTotal: "197",
    setCode: null,
    regulationMark: "G",
    illustrator: null,
    year: 2023,
    rawText: "Charizard ex 330 HP",
    confidence: 0.9,
  },
  candidates,
});

const msg = (cards: MatchedCard[]): CardsMatched => ({
  imageId: "img-1",
  batchId: "batch-1",
  userId: "user-1",
  subjectType: "cards",
  cards,
  matchedAt: "2025-01-01T00:00:00.000Z",
});

describe("draftsFromMatch", () => {
  const now = new Date("2025-01-02T03:04:05.000Z");
  let n = 0;
  const newId = () => `id-${++n}`;

  it.each([
    { name: "no card", cards: [], tops: [] },
    { name: "one card, best candidate first", cards: [card(0, [candidate("sv3-1", 0.4), candidate("sv3-125", 0.9)])], tops: ["sv3-125"] },
    { name: "a card without candidates", cards: [card(0, [])], tops: [null] },
    { name: "two cards", cards: [card(0, [candidate("sv3-2", 0.5)]), card(1, [candidate("sv3-3", 0.7)])], tops: ["sv3-2", "sv3-3"] },
  ])("$name", ({ cards, tops }) => {
    const drafts = draftsFromMatch(msg(cards), newId, now);
    expect(drafts.map((d) => d.topCandidateId)).toEqual(tops);
    expect(drafts.map((d) => d.cardIndex)).toEqual(cards.map((c) => c.index));
    drafts.forEach((d) => expect(d.status).toBe("awaiting_validation"));
  });

  it("renders the REST view of a draft", () => {
    const [draft] = draftsFromMatch(msg([card(2, [candidate("sv3-125", 0.9)])]), () => "d-1", now);
    expect(draftView(draft)).toEqual({
      id: "d-1",
      batch_id: "batch-1",
      image_id: "img-1",
      status: "awaiting_validation",
      image_url: "/imports/images/img-1",
      crop_url: "/imports/images/img-1/cards/2",
      subject_type: "cards",
      top_candidate_id: "sv3-125",
      candidates: [
        {
          card_id: "sv3-125",
          name: "Name sv3-125",
          name_fr: "Nom sv3-125",
          set_id: "sv3",
          set_name: "Obsidian Flames",
          number: "125",
          score: 0.9,
          reasons: ["name"],
          image_url: null,
        },
      ],
      detected_metadata: {
        probable_name: "Charizard ex",
        local_number: "125",
        printed_total: "197",
        hp: 330,
        set_code: null,
        regulation_mark: "G",
        illustrator: null,
        year: 2023,
        raw_text: "Charizard ex 330 HP",
        ocr_confidence: 0.9,
        card_index: 2,
        position: null,
        quad: [[0, 0], [10, 0], [10, 14], [0, 14]],
        rotation: 0,
        crop_key: "crops/img/2.jpg",
      },
      selected_card_id: null,
      created_at: "2025-01-02T03:04:05.000Z",
      validated_at: null,
    });
  });
});
