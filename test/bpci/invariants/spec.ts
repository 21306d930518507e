/**
 * The named invariants of the BPCI token suites (test/helpers/invariants.ts holds the kit's and QUIVer's; BPCI keeps
 * its own list in its folder so the economy stays one deletable folder). Each suite imports the ids it checks.
 */
export const BPCI_INVARIANTS = {
  GEN_SUPPLY: "GEN_SUPPLY: totalSupply == sum of balances == 100,000 GEN after any sequence of transfers and jumps",
  GEN_LIMIT:
    "GEN_LIMIT: every transfer succeeds or reverts GenHolderLimitExceeded exactly as the model predicts: no non-exempt receiver ends above the limit",
  NEX_YEAR_CAP:
    "NEX_YEAR_CAP: minted within each issuance year <= bpci.nex.yearlyCap, and every mint succeeds or reverts as the window model predicts",
  NEX_SUPPLY: "NEX_SUPPLY: totalSupply == minted - burned == sum of balances; totalMinted <= cap",
  AUR_COVERAGE:
    "AUR_COVERAGE: at every successful mint, the feed's reserves >= (supply after the mint) x (1 + margin); every mint succeeds or reverts (paused, stale, uncovered) as the model predicts",
  AUR_SUPPLY: "AUR_SUPPLY: totalSupply == minted - redeemed == sum of balances; redemptions never blocked",
  FLX_GONS:
    "FLX_GONS: sum of every holder's gons == scaledTotalSupply (constant) across transfers, transferAll and rebases",
  FLX_SUPPLY:
    "FLX_SUPPLY: totalSupply == the SDK model's supply (deltaWad, nextSupply) after each rebase; sum of balances <= totalSupply",
  MINING_BALANCE:
    "MINING_BALANCE: per payment token, PoeMining's balance == locked reserves (vested or not, unpaid) + unclaimed owner salary and treasury legs + pending escrow of open jobs, each equal to the model; its NEX balance == issued - claimed",
  MINING_RESERVE:
    "MINING_RESERVE: every miner's reserve (locked, vested, end) == the model's one linear line (sdk vested / mergedEnd) at every step, and every job transition succeeds or reverts as the deadline model predicts",
  MESH_ESCROW:
    "MESH_ESCROW: per token, BankMesh's escrowed(token) == open offers + open or expired settlements (the model's), and its balance == that escrow (+ for NEX the bonded stake net of claims)",
  MESH_SETTLEMENT:
    "MESH_SETTLEMENT: no settlement is both confirmed and refunded; each pays its amount exactly once, to the counterparty or back to the sender",
  MESH_CLAIM:
    "MESH_CLAIM: a claim pays the lender min(due - repaid, the borrower's stake), never more than the shortfall; repayments reach the lender exactly",
} as const;
