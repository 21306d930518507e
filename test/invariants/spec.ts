/**
 * The named invariants of the kit, in one place (STYLE.md: "Name invariants in test/invariants/spec.ts").
 * Each invariant test file imports the ids it checks, so a failure message names the invariant, and
 * SECURITY-CHECKLIST.md ids are given where an invariant implements one.
 */
export const INVARIANTS = {
  // QUIV token (SECURITY-CHECKLIST 2.1)
  QUIV_SUPPLY: "QUIV_SUPPLY: sum of balances of every account == totalSupply (TOK-01)",
  QUIV_CAP: "QUIV_CAP: totalSupply <= totalMinted <= cap, and totalMinted never decreases (TOK-02)",
  QUIV_BURNED: "QUIV_BURNED: totalBurned == totalMinted - totalSupply == sum of burns (TOK-02)",
  QUIV_VOTES:
    "QUIV_VOTES: sum of getVotes over delegates == sum of balances of delegating accounts <= totalSupply (TOK-10)",
  QUIV_PAST_SUPPLY:
    "QUIV_PAST_SUPPLY: getPastTotalSupply(t) == the model's supply at t for every past checkpoint (TOK-11)",

  // FeeSplit (SECURITY-CHECKLIST MKT-02, EM-05)
  SPLIT_SUM: "SPLIT_SUM: the legs of a split sum to the amount exactly",
  SPLIT_LEG_BOUND: "SPLIT_LEG_BOUND: no leg but the last exceeds its exact share; each is within 1 wei below it",
  SPLIT_LAST_DUST:
    "SPLIT_LAST_DUST: the last leg is at least its exact share and exceeds it by less than (legs - 1) wei",

  // PaymentChannels (SECURITY-CHECKLIST CH-03, CH-06)
  CH_BALANCE:
    "CH_BALANCE: the channel contract's QUIV balance == sum over channels not closed of (deposit - collected) (CH-06)",
  CH_VOUCHER_BOUND: "CH_VOUCHER_BOUND: every channel has collected <= deposit; no voucher pays more than its deposit",
  CH_CONSERVATION:
    "CH_CONSERVATION: sum paid to providers + sum refunded + locked == sum deposited; after everyone exits, paid + refunded == deposited (CH-03)",
} as const;

export type InvariantId = keyof typeof INVARIANTS;
