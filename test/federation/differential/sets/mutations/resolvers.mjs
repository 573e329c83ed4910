// mutations: ordered root mutations across subgraphs sharing one state (reset before every request the runner
// sends, so each operation starts from the initial data), entity fields reading what earlier mutations wrote,
// mutation errors, input objects, @inaccessible fields and enum values, @requires.
import { GraphQLError } from 'graphql';

let state;
export function reset() {
  state = {
    nextAccount: 4,
    nextTransfer: 1,
    accounts: [
      { id: 'a1', owner: 'Ada', kind: 'CHECKING', open: true, internalRef: 'X-1', balance: 100 },
      { id: 'a2', owner: 'Brian', kind: 'SAVINGS', open: true, internalRef: 'X-2', balance: 0 },
      { id: 'a3', owner: 'Chen', kind: 'SAVINGS', open: false, internalRef: null, balance: 0 },
      // not listed by Query.accounts; its kind is inaccessible in the API schema
      { id: 'a0', owner: 'Legacy', kind: 'LEGACY', open: false, internalRef: 'X-0', balance: 0, hidden: true },
    ],
    transfers: [],
    notifications: { a1: ['welcome'], a2: [], a3: ['closed'] },
  };
}
reset();

const account = (id) => state.accounts.find((a) => a.id === String(id)) ?? null;
const note = (id, text) => { (state.notifications[id] ??= []).push(text); };
function book(acc, amount, memo = null) {
  if (!acc) throw new GraphQLError('no such account', { extensions: { code: 'NOT_FOUND' } });
  if (acc.balance + amount < 0) throw new Error(`insufficient funds on ${acc.id}`);
  acc.balance += amount;
  const t = { id: `t${state.nextTransfer++}`, amount, accountId: acc.id, balanceAfter: acc.balance, memo };
  state.transfers.push(t);
  note(acc.id, `${amount >= 0 ? 'deposit' : 'withdrawal'} ${Math.abs(amount)}`);
  return t;
}

export const resolvers = {
  accounts: {
    Query: { accounts: () => state.accounts.filter((a) => !a.hidden), account: (_, { id }) => account(id) },
    Mutation: {
      openAccount: (_, { owner, kind }) => {
        const a = { id: `a${state.nextAccount++}`, owner, kind, open: true, internalRef: null, balance: 0 };
        state.accounts.push(a);
        note(a.id, `opened ${kind}`);
        return a;
      },
      renameAccount: (_, { id, owner }) => {
        const a = account(id);
        if (!a) return null;
        note(a.id, `renamed ${a.owner} -> ${owner}`);
        a.owner = owner;
        return a;
      },
      closeAccount: (_, { id }) => {
        const a = account(id);
        if (!a) throw new GraphQLError('no such account', { extensions: { code: 'NOT_FOUND' } });
        if (a.balance > 0) throw new Error(`account ${id} still holds ${a.balance}`);
        a.open = false;
        note(a.id, 'closed');
        return true;
      },
    },
    Account: { __resolveReference: (ref) => account(ref.id) },
  },
  ledger: {
    Mutation: {
      deposit: (_, { accountId, amount }) => book(account(accountId), amount),
      withdraw: (_, { accountId, amount }) => book(account(accountId), -amount),
      transfer: (_, { input }) => {
        const from = account(input.from), to = account(input.to);
        if (!from || !to) return null;
        return [book(from, -input.amount, input.memo ?? null), book(to, input.amount, input.memo ?? null)];
      },
    },
    Transfer: { account: (t) => ({ id: t.accountId }) },
    Account: {
      __resolveReference: (ref) => (account(ref.id) ? { ...ref } : null),
      balance: (a) => account(a.id).balance,
      history: (a, { last }) => state.transfers.filter((t) => t.accountId === a.id).slice(-(last ?? 3)).reverse(),
      statement: (a) => `${a.owner}: ${account(a.id).balance}`,
    },
  },
  notifications: {
    Mutation: {
      notify: (_, { accountId, text }) => { note(accountId, text); return state.notifications[accountId]; },
      clearNotifications: () => {
        const n = Object.values(state.notifications).reduce((s, l) => s + l.length, 0);
        for (const k of Object.keys(state.notifications)) state.notifications[k] = [];
        return n;
      },
    },
    Account: {
      __resolveReference: (ref) => ({ id: ref.id }),
      notifications: (a) => state.notifications[a.id] ?? [],
      unread: (a) => (state.notifications[a.id] ?? []).length,
    },
  },
};
