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

  // ProviderStaking (SECURITY-CHECKLIST 2.3)
  STK_SOLVENCY:
    "STK_SOLVENCY: QUIV.balanceOf(staking) == bonded + unbonding + rewards owed + queued rewards, exactly (STK-01)",
  STK_POOL_TOTALS: "STK_POOL_TOTALS: sum over pools of bonded (unbonding) tokens == totals().bonded (unbonding)",
  STK_SHARES:
    "STK_SHARES: per pool, sum of position shares == bondedShares, sum of unbonding-entry shares == unbondingShares, and sum of position values <= bondedTokens (STK-06)",
  STK_REWARDS_BOUND: "STK_REWARDS_BOUND: sum of pendingRewards over all accounts <= rewards owed (STK-08)",
  STK_VOTES: "STK_VOTES: sum of getVotes == getTotalSupply of staked votes == sum of last-touch position values",
  STK_EXIT:
    "STK_EXIT: after every case closes and everyone unbonds, waits and withdraws, every position and entry is empty and only rounding dust (< 1 QUIV) stays (X-GLOB-02)",

  // EmissionController (SECURITY-CHECKLIST 2.2)
  EM_CAP: "EM_CAP: QUIV totalMinted <= cap after any sequence of epochs and jumps (EM-04)",
  EM_YEAR_CAP: "EM_YEAR_CAP: minted in an emission year <= maxInflationBps x supply at the start of that year",
  EM_MODEL: "EM_MODEL: each trigger mints exactly what the SDK model (sdk/core/emission.ts) predicts (EM-01)",
  EM_SPLIT: "EM_SPLIT: staking + treasury + ecosystem receipts == minted, per trigger (EM-05)",
} as const;

export type InvariantId = keyof typeof INVARIANTS;
