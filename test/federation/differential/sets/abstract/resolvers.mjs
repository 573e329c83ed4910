// abstract: an entity interface (Media) extended through @interfaceObject, a non-entity interface (Node), unions
// (one of them across subgraphs), an interface local to one subgraph, lists of lists of abstract types.
const BOOKS = [
  { id: 'b1', title: 'Dune', year: 1965, pages: 412, author: 'p1' },
  { id: 'b2', title: 'Neuromancer', year: 1984, pages: 271, author: 'p2' },
  { id: 'b3', title: 'Untitled', year: null, pages: null, author: null },
].map((b) => ({ ...b, __typename: 'Book' }));
const MOVIES = [
  { id: 'm1', title: 'Dune', year: 2021, minutes: 155, director: 'p3', cast: ['p4', 'p5'] },
  { id: 'm2', title: 'Arrival', year: 2016, minutes: 116, director: 'p3', cast: ['p5'] },
].map((m) => ({ ...m, __typename: 'Movie' }));
const PEOPLE = [
  { id: 'p1', name: 'Frank Herbert', born: 1920 },
  { id: 'p2', name: 'William Gibson', born: 1948 },
  { id: 'p3', name: 'Denis Villeneuve', born: 1967 },
  { id: 'p4', name: 'Timothee Chalamet', born: 1995 },
  { id: 'p5', name: 'Zendaya', born: null },
].map((p) => ({ ...p, __typename: 'Person' }));
const MEDIA = [...BOOKS, ...MOVIES];
const RATINGS = { b1: [4.6, 900], b2: [4.1, 350], b3: [null, 0], m1: [4.4, 1200], m2: [4.5, 800] };
const SIMILAR = { b1: ['m1', 'b2'], b2: ['b1'], b3: [], m1: ['b1', 'm2'], m2: ['m1'] };
const AWARDS = {
  p3: [{ __typename: 'Oscar', name: 'Academy Award', year: 2022, category: 'Best Director (nominee)' }],
  p4: [{ __typename: 'Grammy', name: 'Grammy', year: 2024, album: null }],
  p2: [{ __typename: 'Oscar', name: 'Hugo', year: 1985, category: 'Novel' }, { __typename: 'Grammy', name: 'Nebula', year: 1984, album: 'none' }],
};
const CREDITS = { p1: ['b1'], p2: ['b2'], p3: ['m1', 'm2'], p4: ['m1'], p5: ['m1', 'm2'] };

const byId = (list, id) => list.find((x) => x.id === id) ?? null;
const mediaRef = (id) => ({ __typename: id.startsWith('b') ? 'Book' : 'Movie', id });

export const resolvers = {
  media: {
    Query: {
      media: () => MEDIA,
      mediaById: (_, { id }) => byId(MEDIA, id),
      search: (_, { term }) => {
        const t = term.toLowerCase();
        return [...MEDIA.filter((m) => m.title.toLowerCase().includes(t)), ...PEOPLE.filter((p) => p.name.toLowerCase().includes(t))];
      },
      node: (_, { id }) => byId(MEDIA, id) ?? byId(PEOPLE, id),
      shelves: () => [[MEDIA[0], MEDIA[3]], [], null, [MEDIA[4], null]],
    },
    Media: { __resolveReference: (ref) => byId(MEDIA, ref.id) },
    Book: { __resolveReference: (ref) => byId(BOOKS, ref.id), author: (b) => (b.author ? byId(PEOPLE, b.author) : null) },
    Movie: {
      __resolveReference: (ref) => byId(MOVIES, ref.id),
      director: (m) => byId(PEOPLE, m.director),
      cast: (m) => m.cast.map((id) => byId(PEOPLE, id)),
    },
    Person: { __resolveReference: (ref) => byId(PEOPLE, ref.id) },
  },
  ratings: {
    Query: {
      topRated: (_, { first }) => Object.keys(RATINGS).filter((id) => RATINGS[id][0] !== null)
        .sort((a, b) => RATINGS[b][0] - RATINGS[a][0]).slice(0, first ?? 3).map((id) => ({ id })),
    },
    Media: {
      __resolveReference: (ref) => (RATINGS[ref.id] ? { id: ref.id } : null),
      rating: (m) => RATINGS[m.id][0],
      votes: (m) => RATINGS[m.id][1],
      similar: (m) => SIMILAR[m.id].map((id) => ({ id })),
    },
  },
  people: {
    Query: {
      people: () => PEOPLE.map((p) => ({ id: p.id })),
      awardsOf: (_, { year }) => Object.values(AWARDS).flat().filter((a) => year == null || a.year === year),
    },
    Person: {
      __resolveReference: (ref) => ({ id: ref.id }),
      born: (p) => byId(PEOPLE, p.id)?.born ?? null,
      awards: (p) => AWARDS[p.id] ?? [],
      credits: (p) => (CREDITS[p.id] ?? []).map(mediaRef),
      awardGrid: (p) => (AWARDS[p.id] ? [AWARDS[p.id], [null]] : null),
    },
    Credit: { __resolveType: (c) => c.__typename },
    Award: { __resolveType: (a) => a.__typename },
  },
};
