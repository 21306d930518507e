/**
 * The named invariants of the kit, in one place (STYLE.md: "Name invariants in test/helpers/invariants.ts").
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

  // Treasury (SECURITY-CHECKLIST TRE-04, X-GLOB-02)
  TREASURY_CONSERVATION:
    "TREASURY_CONSERVATION: balance + sum claimed by grantees + sum spent == sum deposited, per token; equivalently " +
    "balance == spendable + sum of unclaimed vested grants + sum of unvested grant reserves",
  TREASURY_RESERVE:
    "TREASURY_RESERVE: reserved(token) == sum over grants of (amount - claimed), revoked grants at their vested amount",
  TREASURY_SOLVENT: "TREASURY_SOLVENT: balance(token) >= reserved(token) (grant obligations are always covered)",
  TREASURY_AUTH:
    "TREASURY_AUTH: only the timelock (any spendable amount) or the council (within its budget) moves funds out, " +
    "besides grant claims by their grantee; every other call reverts and leaves balances unchanged",
  TREASURY_BUDGET:
    "TREASURY_BUDGET: remainingBudget == budget - council spending in the current bucket and the 7 before it (floored at 0)",
  TREASURY_ROLLING_BUDGET:
    "TREASURY_ROLLING_BUDGET: the council never spends more than its budget within any rolling window of budgetPeriod seconds (SEC-14)",
  // ParameterRegistry (SEC-12, SEC-13)
  REG_RATE:
    "REG_RATE: for any t1 <= t2 with t2 - t1 <= period(t1), |value(t2) - value(t1)| <= maxDelta(t1): never more than maxDelta of movement within any period (SEC-12)",
  REG_MODEL:
    "REG_MODEL: every set and setBounds succeeds or reverts exactly as the band model predicts, and the stored parameter equals the model",
  REG_BOUNDS: "REG_BOUNDS: min <= value <= max always",
  TREASURY_EXIT:
    "TREASURY_EXIT: after every stream ends, each grantee claims exactly its vested amount and reserved == 0",
  // Marketplace and disputes (SECURITY-CHECKLIST 2.6, 2.8)
  MKT_ESCROW:
    "MKT_ESCROW: QUIV.balanceOf(marketplace) == sum of escrows of open jobs + accrued network, treasury and burn fees, and totalEscrowed == the model's sum (MKT-01)",
  MKT_OPEN_JOBS: "MKT_OPEN_JOBS: openJobCount == number of jobs holding escrow in the model",
  MKT_STATE: "MKT_STATE: state(jobId) == sdk deriveJobState(getJob(jobId), now) for every job (MKT-03)",
  MKT_EXIT:
    "MKT_EXIT: after everyone exits (refund, release, finalize, flush) the marketplace holds 0 and every job is terminal",
  DSP_CONSERVATION:
    "DSP_CONSERVATION: QUIV.balanceOf(disputes) == validator stakes + open bonds + unclaimed voter rewards + reward pool, and totalBonds == the model's sum of open bonds",
  DSP_STATE: "DSP_STATE: state(disputeId) == sdk deriveDisputeState(getDispute(disputeId), now)",
  DSP_INCIDENT_CAP:
    "DSP_INCIDENT_CAP: per job, one slash case, and the slashes proposed for that job total at most maxSlashBps of the stake snapshotted when its first dispute opened, whatever the number of challengers (SEC-01)",
  DSP_ONE_REWARD:
    "DSP_ONE_REWARD: per job at most one slash names a challenger-leg receiver, a splitter shared by every challenger when there are several, so piling on earns nothing extra (SEC-01)",
  // ProviderStaking (SECURITY-CHECKLIST 2.3)
  STK_SOLVENCY:
    "STK_SOLVENCY: QUIV.balanceOf(staking) == bonded + unbonding + rewards owed + queued rewards, exactly (STK-01)",
  STK_POOL_TOTALS: "STK_POOL_TOTALS: sum over pools of bonded (unbonding) tokens == totals().bonded (unbonding)",
  STK_SHARES:
    "STK_SHARES: per pool, sum of position shares == bondedShares, sum of unbonding-entry shares == unbondingShares, and sum of position values <= bondedTokens (STK-06)",
  STK_REWARDS_BOUND:
    "STK_REWARDS_BOUND: sum of pendingRewards over all accounts <= rewards owed + the queued rewards whose drip it previews (STK-08)",
  STK_VOTES: "STK_VOTES: sum of getVotes == getTotalSupply of staked votes == sum of last-touch position values",
  STK_UNBOND_BEFORE_OFFENCE:
    "STK_UNBOND_BEFORE_OFFENCE: unbonding before the offence is untouched by its slash (to the wei), and a matured entry created before every open offence withdraws (SEC-06, SEC-03)",
  STK_QUEUE_NO_SNIPE:
    "STK_QUEUE_NO_SNIPE: queued rewards are not capturable by a same-block stake: a fresh stake made in the block of a distribution gains at most 1 wei (SEC-07)",
  STK_EXIT:
    "STK_EXIT: after every case closes and everyone unbonds, waits and withdraws, every position and entry is empty and only rounding dust (< 1 QUIV) stays (X-GLOB-02)",

  // EmissionController (SECURITY-CHECKLIST 2.2)
  EM_CAP: "EM_CAP: QUIV totalMinted <= cap after any sequence of epochs and jumps (EM-04)",
  EM_YEAR_CAP: "EM_YEAR_CAP: minted in an emission year <= maxInflationBps x supply at the start of that year",
  EM_MODEL: "EM_MODEL: each trigger mints exactly what the SDK model (sdk/quiver/core/emission.ts) predicts (EM-01)",
  EM_SPLIT: "EM_SPLIT: staking + treasury + ecosystem receipts == minted, per trigger (EM-05)",
  EM_GROWTH_FALLBACK:
    "EM_GROWTH_FALLBACK: a stale, out-of-bounds, non-positive or reverting growth metric never raises emission above the 1.0 schedule, and the trigger reports the fallback (SEC-15)",
  // PaymentChannels (SECURITY-CHECKLIST CH-03, CH-06)
  CH_BALANCE:
    "CH_BALANCE: the channel contract's QUIV balance == sum over channels not closed of (deposit - collected) (CH-06)",
  CH_VOUCHER_BOUND: "CH_VOUCHER_BOUND: every channel has collected <= deposit; no voucher pays more than its deposit",
  CH_CONSERVATION:
    "CH_CONSERVATION: sum paid to providers + sum refunded + locked == sum deposited; after everyone exits, paid + refunded == deposited (CH-03)",
} as const;

export type InvariantId = keyof typeof INVARIANTS;
