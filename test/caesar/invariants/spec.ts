/**
 * The named invariants of the CAESAR token (STYLE.md: name invariants in one place; the kit's own list is
 * test/helpers/invariants.ts, which economies do not edit). Each id is checked by token.inv.test.ts.
 */
export const CAESAR_INVARIANTS = {
  CAESAR_CONSERVATION:
    "CAESAR_CONSERVATION: sum of balances + accrued <= totalSupply, short by at most (decaying holders + 1) wei, never plain equality asserted",
  CAESAR_EXEMPT:
    "CAESAR_EXEMPT: exempt accounts (treasury, distributor, reserve) never decay: balances equal the model to the wei",
  CAESAR_PENALTY_CAP:
    "CAESAR_PENALTY_CAP: no penalty above ceil(amount x capBps), no fee above amount x maxFeeBps, whatever the rapid-trade count",
  CAESAR_POOL: "CAESAR_POOL: a registered pool's balance never falls below its pair's reserve between syncs",
  CAESAR_NET_FLOW:
    "CAESAR_NET_FLOW: a registered pool's net flow in its window stays within +-netFlowLimit; a transfer beyond it is refused with CaesarNetFlowLimit",
  CAESAR_QUOTE:
    "CAESAR_QUOTE: quoteTransfer in the same transaction is exactly what the transfer charges (fee, penalty, rounding) and moves (debit, net)",
  CAESAR_RECONCILE:
    "CAESAR_RECONCILE: the accrual grows in a transfer by exactly TransferCharged's fee + rounding (an indexer sums events to the wei)",
  CAESAR_SUPPLY: "CAESAR_SUPPLY: totalSupply never changes after genesis (nothing is minted or burned)",
  CAESAR_DISTRIBUTOR_BOUND:
    "CAESAR_DISTRIBUTOR_BOUND: no epoch pays its agents more than its pot; the distributor never pays more than it received",
  CAESAR_DISTRIBUTOR_CONSERVATION:
    "CAESAR_DISTRIBUTOR_CONSERVATION: received == the four legs; agents leg == paid + held + swept; balance == held",
  CAESAR_DISTRIBUTOR_MODEL:
    "CAESAR_DISTRIBUTOR_MODEL: every split, claim and sweep equals the model (floor(pot x weighted / total), dust to the reserve)",
  CAESAR_AGENTS_SOLVENT:
    "CAESAR_AGENTS_SOLVENT: the agent registry's CAESAR covers the book (floor(booked base x index) <= its balance); its surplus base units are payout rounding dust only",
  CAESAR_AGENTS_BOOK:
    "CAESAR_AGENTS_BOOK: per agent, bonded + unbonding == staked - withdrawn - slashed (base units, from the events); a slash takes min(asked, that)",
  CAESAR_AGENTS_PAYOUT:
    "CAESAR_AGENTS_PAYOUT: a stake is worth, and a withdrawal or a slash pays, floor(base x index) to the wei; a deposit books toBaseDown(amount)",
  CAESAR_WRAPPER_SHARES:
    "CAESAR_WRAPPER_SHARES: wCAESAR shares change only by mint, burn and transfer, exactly as modelled; time moves none",
  CAESAR_WRAPPER_DECAY:
    "CAESAR_WRAPPER_DECAY: the wrapper's CAESAR decays like any balance (totalAssets == balanceOf == floor(base x index)); time moves no base unit",
  CAESAR_WRAPPER_SOLVENT:
    "CAESAR_WRAPPER_SOLVENT: what every holder can redeem never exceeds the wrapper's CAESAR; after everyone redeemed, at most 1 wei per conversion is left",
  CAESAR_WRAPPER_EXACT:
    "CAESAR_WRAPPER_EXACT: deposit, mint, withdraw and redeem move exactly the documented conversions (shares = assets x (S + V) / (A + 1), rounded for the wrapper), and the CAESAR legs credit toBaseDown(assets)",
  CAESAR_WRAPPER_ROUNDTRIP:
    "CAESAR_WRAPPER_ROUNDTRIP: a wrap then an unwrap of the shares it minted never returns more than was wrapped",
  CAESAR_GATE_RESERVE:
    "CAESAR_GATE_RESERVE: the gate's reserve (its balance minus the escrow, CAESAR and quote) is never negative and moves only by the penalties kept, the bonuses paid and the token's penalties",
  CAESAR_GATE_ESCROW:
    "CAESAR_GATE_ESCROW: escrowCaesar and escrowQuote equal the sums of the open entries' amounts (sells and buys)",
  CAESAR_GATE_ENTRIES:
    "CAESAR_GATE_ENTRIES: every entry is exactly one of executed, refunded (cancelled or expired) or still open (Queued, Executable or Expired awaiting its refund), as modelled",
  CAESAR_GATE_EXIT:
    "CAESAR_GATE_EXIT: no wallet-to-wallet transfer ever reverts for stability reasons (queue, breaker, pause, any price)",
} as const;
