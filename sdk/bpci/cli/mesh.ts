/**
 * `kit bpci bank-mesh …`: the BPCI bank mesh from the command line, named as the seed names it (`join`,
 * `request-liquidity --token NEX --amount 10000 --max-rate … --duration …`, `offer`, `accept`, `repay`, `settle`,
 * `create-proposal --type ParameterChange`, `vote --proposal-id … --vote approve`, `network --liquidity`), plus the
 * rest of the mesh's writes (heartbeat, stake, unbond, withdraw, cancel-request, withdraw-offer, claim, confirm,
 * refund, execute, delegate-votes) and `show bank|request|offer|loan|settlement|proposal`. Every command has
 * `--json`; amounts are whole NEX/AUR (18 decimals) unless `--wei`; rates are bps a year; durations are seconds or
 * `90m`, `6h`, `1d`, … Bad input is refused before anything is sent; reverts are decoded (the mesh's state errors
 * name their states). Signing commands run through the shared `txCommand` (sdk/cli/helpers.ts) on the BPCI contracts
 * that sdk/bpci/cli/bpci.ts hands over (`h.contracts`).
 */
import type { Command } from "commander";
import { formatAmount, InvalidArgumentError, parseAddress } from "../../kit/core";
import type { CliContext } from "../../cli/context";
import { registerStateNames } from "../../cli/describe";
import { registerStakedVotesCommands } from "../../cli/stakedVotes";
import {
  accountArg,
  durationArg,
  formatDuration,
  formatTime,
  hashArg,
  plan,
  txCommand,
  uintArg,
  type AmountOpts,
} from "../../cli/helpers";
import {
  acceptMeshOffer,
  buildMeshCancelRequest,
  buildMeshRefund,
  buildMeshWithdrawOffer,
  buildMeshConfirm,
  claimMeshLoan,
  executeMesh,
  findBpciParameter,
  heartbeatMesh,
  joinMesh,
  meshProposalKindArg,
  MESH_MAX_RATE_BPS,
  MESH_LOAN_STATES,
  MESH_OFFER_STATES,
  MESH_PROPOSAL_KINDS,
  MESH_PROPOSAL_STATES,
  MESH_REQUEST_STATES,
  MESH_SETTLEMENT_STATES,
  offerMeshLiquidity,
  openMeshSettlement,
  parameterKey,
  proposeMesh,
  readMeshBank,
  readMeshLiquidity,
  readMeshLoan,
  readMeshNetwork,
  readMeshOffer,
  readMeshProposal,
  readMeshRequest,
  readMeshSettlement,
  repayMeshLoan,
  requestMeshLiquidity,
  stakeMesh,
  unbondMesh,
  voteMesh,
  withdrawMesh,
  type MeshBank,
  type MeshLiquidity,
  type MeshLoan,
  type MeshNetwork,
  type MeshProposal,
  type MeshProposalTarget,
  type MeshRequest,
  type MeshSettlement,
} from "..";
import { send } from "../../kit/tx";
import type { BpciCliHelpers } from "./bpci";

registerStateNames("BankMeshUnexpectedRequestState", MESH_REQUEST_STATES);
registerStateNames("BankMeshUnexpectedOfferState", MESH_OFFER_STATES);
registerStateNames("BankMeshUnexpectedLoanState", MESH_LOAN_STATES);
registerStateNames("BankMeshUnexpectedSettlementState", MESH_SETTLEMENT_STATES);
registerStateNames("BankMeshUnexpectedProposalState", MESH_PROPOSAL_STATES);

const iso = (t: bigint) => formatTime(t);
const pct = (bps: bigint) => `${(Number(bps) / 100).toFixed(2)}%`;

/** `--max-rate` / `--rate`: bps a year, at most the mesh's ceiling (50,000 bps, 500% a year). */
function rateArg(value: string, option: string): bigint {
  const v = uintArg(value, option);
  if (v > MESH_MAX_RATE_BPS) {
    throw new InvalidArgumentError(`${option} must be at most ${MESH_MAX_RATE_BPS} bps (500% a year), not ${v}`, {
      details: { [option]: value, max: MESH_MAX_RATE_BPS },
    });
  }
  return v;
}

/** `--vote approve|reject` (also yes/no, for/against). */
function voteArg(value: string): boolean {
  const v = (value ?? "").toLowerCase();
  if (["approve", "yes", "for"].includes(v)) return true;
  if (["reject", "no", "against"].includes(v)) return false;
  throw new InvalidArgumentError(`--vote must be approve or reject, not "${value}"`, { details: { vote: value } });
}

/** The target of `create-proposal`: `--key <name|0x…> --value <n>` or `--bank <address>`, as its `--type` needs. */
function proposalTargetArg(opts: { type: string; key?: string; value?: string; bank?: string }): MeshProposalTarget {
  const kind = MESH_PROPOSAL_KINDS[meshProposalKindArg(opts.type)];
  if (kind === "ParameterChange") {
    if (opts.bank !== undefined) {
      throw new InvalidArgumentError(
        "--bank is for Admission and Expulsion; a ParameterChange takes --key and --value",
      );
    }
    if (opts.key === undefined || opts.value === undefined) {
      throw new InvalidArgumentError("a ParameterChange needs --key <registry parameter> and --value <integer>");
    }
    let key: string;
    if (/^0x[0-9a-fA-F]{64}$/.test(opts.key)) key = opts.key;
    else if (findBpciParameter(opts.key)) key = parameterKey(opts.key);
    else {
      throw new InvalidArgumentError(`unknown BPCI parameter "${opts.key}" (give its name or its 32-byte key)`, {
        details: { key: opts.key },
      });
    }
    return { kind, key, value: uintArg(opts.value, "--value") };
  }
  if (opts.key !== undefined || opts.value !== undefined) {
    throw new InvalidArgumentError(`--key and --value are for a ParameterChange; ${kind} takes --bank`);
  }
  if (opts.bank === undefined) throw new InvalidArgumentError(`${kind} needs --bank <address>`);
  return { kind, bank: parseAddress(opts.bank, "--bank") };
}

/** The chain's time (for "in 29 min" in the `show` lines). */
async function chainNow(c: CliContext): Promise<bigint> {
  const block = await (await c.provider()).getBlock("latest");
  return BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000));
}

export function meshBankLines(x: MeshBank, now?: bigint): string[] {
  return [
    `bank ${x.address}${x.name ? ` "${x.name}"` : ""}: ${x.status}, stake ${formatAmount(x.stake)} NEX, reputation ${x.reputation} bps`,
    `endpoint ${x.endpoint || "(unknown)"}; heartbeat ${formatTime(x.lastHeartbeat, now)}, expires ${formatTime(x.heartbeatDueAt, now)}`,
    `${x.openLoans} open loan(s)${x.expelled ? ", EXPELLED" : ""}; ${x.unbondings.length} unbonding(s)`,
    ...x.unbondings.map(
      (u) => `  unbonding ${u.index}: ${formatAmount(u.value)} NEX from ${formatTime(u.unlockAt, now)}`,
    ),
  ];
}

export function meshRequestLines(x: MeshRequest, now?: bigint): string[] {
  return [
    `request ${x.id}: ${x.state}, ${formatAmount(x.amount)} NEX by ${x.requester} at most ${x.maxRateBps} bps a year for ${formatDuration(x.duration)}`,
    `accepted ${formatAmount(x.accepted)} NEX, ${formatAmount(x.remaining)} left; ${x.offers} offer(s); offers until ${formatTime(x.deadline, now)}`,
  ];
}

export function meshLoanLines(x: MeshLoan, now?: bigint): string[] {
  return [
    `loan ${x.id} (request ${x.requestId}): ${x.state}, ${formatAmount(x.principal)} NEX from ${x.lender} to ${x.borrower} at ${x.rateBps} bps`,
    `due ${formatAmount(x.due)} NEX (interest ${x.interest} wei) at ${formatTime(x.dueAt, now)}; repaid ${formatAmount(x.repaid)}, owed ${formatAmount(x.owed)}`,
  ];
}

export function meshSettlementLines(x: MeshSettlement, now?: bigint): string[] {
  return [
    `settlement ${x.id}: ${x.state}, ${formatAmount(x.amount)} ${x.symbol} from ${x.from} to ${x.to}`,
    `confirmable until ${formatTime(x.deadline, now)}, refundable from then; purpose ${x.purposeHash}`,
  ];
}

export function meshProposalLines(x: MeshProposal, now?: bigint): string[] {
  const what =
    x.kind === "ParameterChange"
      ? `set ${findBpciName(x.key) ?? x.key} to ${x.value}`
      : `${x.kind === "Admission" ? "re-admit" : "expel"} ${x.bank}`;
  return [
    `proposal ${x.id}: ${x.state}, ${x.kind} (${what}) by ${x.proposer}`,
    `approve ${formatAmount(x.approvals)}, reject ${formatAmount(x.rejections)} of ${formatAmount(x.totalStake)} NEX staked at the snapshot; passes at ${pct(x.thresholdBps)}${x.passes ? " (reached)" : `, ${formatAmount(x.needed)} NEX more to approve`}`,
    `voting until ${formatTime(x.endsAt, now)}`,
  ];
}

function findBpciName(key: string): string | undefined {
  return MESH_PARAMETER_NAMES.find((n) => parameterKey(n) === key.toLowerCase());
}

const MESH_PARAMETER_NAMES = [
  "bpci.mesh.minStake",
  "bpci.mesh.unbondingPeriod",
  "bpci.mesh.heartbeatPeriod",
  "bpci.mesh.settlementTimeout",
  "bpci.mesh.passThresholdBps",
  "bpci.mesh.maxOffersPerRequest",
  "bpci.mesh.requestWindow",
  "bpci.mesh.maxLoanDuration",
  "bpci.mesh.votingPeriod",
];

export function meshNetworkLines(n: MeshNetwork, l?: MeshLiquidity): string[] {
  const p = n.parameters;
  const out = [
    `bank mesh: ${n.banks} bank(s) joined; escrow ${formatAmount(n.escrowed.nex)} NEX, ${formatAmount(n.escrowed.aur)} AUR`,
    `created: ${n.counts.requests} request(s), ${n.counts.offers} offer(s)/loan(s), ${n.counts.settlements} settlement(s), ${n.counts.proposals} proposal(s)`,
    `rules: stake at least ${formatAmount(p.minStake)} NEX, heartbeat every ${formatDuration(p.heartbeatPeriod)}, settlements time out after ${formatDuration(p.settlementTimeout)}, proposals pass at ${pct(p.passThresholdBps)} of the stake`,
  ];
  if (l) {
    out.push(
      `liquidity: ${l.open} open request(s) of the ${l.requests.length} read, asking ${formatAmount(l.demand)} NEX; ${formatAmount(l.escrowedNex)} NEX in escrow`,
      ...l.requests.map(
        (r) =>
          `  request ${r.id} ${r.state}: ${formatAmount(r.remaining)} of ${formatAmount(r.amount)} NEX left, max ${r.maxRateBps} bps, ${formatDuration(r.duration)}`,
      ),
    );
  }
  return out;
}

/** A comma-separated list of ids (`--request-ids 1,2,5`). */
function idsArg(value: string, option: string): bigint[] {
  const parts = value.split(",").map((x) => x.trim());
  return parts.map((x) => uintArg(x, option));
}

/** Adds `kit bpci bank-mesh …` to the `kit bpci` group `root`. */
export function registerBankMesh(root: Command, ctx: () => CliContext, h: BpciCliHelpers): void {
  const { amount } = h;
  const mesh = root
    .command("bank-mesh")
    .description("the bank mesh: NEX-staked banks, liquidity requests and loans, settlements, mesh proposals");

  // ------------------------------------------------------------------------------------------------ banks
  mesh
    .command("join")
    .description("join the mesh with a NEX stake (at least bpci.mesh.minStake; approves exactly, if needed)")
    .requiredOption("--name <name>", "display name (1..64 bytes)")
    .requiredOption("--endpoint <url>", "the bank's off-chain endpoint (1..256 bytes)")
    .requiredOption("--stake <amount>", "NEX to bond")
    .option("--wei", "amounts in wei")
    .action((opts: AmountOpts & { name: string; endpoint: string; stake: string }) =>
      txCommand(ctx(), "meshJoin", h.contracts, ({ b, signer }) => {
        const stake = amount(opts.stake, opts);
        return plan({
          label: `join the bank mesh with ${formatAmount(stake)} NEX`,
          send: (o) => joinMesh(signer, b, stake, opts.name, opts.endpoint, o),
          json: (r) => ({ bank: r.bank, name: r.name, endpoint: r.endpoint, stake: r.stake }),
          text: (x) => `bank ${x.bank} "${x.name}" joined with ${formatAmount(x.stake)} NEX staked (${x.hash})`,
        });
      }),
    );
  mesh
    .command("heartbeat")
    .description("record a heartbeat (a bank without one for bpci.mesh.heartbeatPeriod is Inactive)")
    .action(() =>
      txCommand(ctx(), "meshHeartbeat", h.contracts, ({ b, signer }) =>
        plan({
          label: "heartbeat",
          send: (o) => heartbeatMesh(signer, b.mesh.target as string, o),
          json: (r) => ({ timestamp: r.timestamp }),
          text: (x) => `heartbeat at ${iso(x.timestamp)} (${x.hash})`,
        }),
      ),
    );
  mesh
    .command("stake")
    .description("bond more NEX (a member; approves exactly, if needed)")
    .argument("<amount>", "NEX")
    .option("--wei", "amounts in wei")
    .action((a: string, opts: AmountOpts) =>
      txCommand(ctx(), "meshStake", h.contracts, ({ b, signer }) => {
        const value = amount(a, opts);
        return plan({
          label: "stake NEX",
          send: (o) => stakeMesh(signer, b, value, o),
          json: (r) => ({ amount: r.amount, shares: r.shares }),
          text: (x) => `bonded ${formatAmount(x.amount)} NEX (${x.hash})`,
        });
      }),
    );
  mesh
    .command("unbond")
    .description("start unbonding NEX (bpci.mesh.unbondingPeriod; refused while the bank has open loans)")
    .argument("<amount>", "NEX")
    .option("--wei", "amounts in wei")
    .action((a: string, opts: AmountOpts) =>
      txCommand(ctx(), "meshUnbond", h.contracts, ({ b, signer }) => {
        const value = amount(a, opts);
        return plan({
          label: "unbond NEX",
          send: (o) => unbondMesh(signer, b.mesh.target as string, value, o),
          json: (r) => ({ index: r.index, amount: r.amount, unlockAt: r.unlockAt }),
          text: (x) =>
            `unbonding ${x.index}: ${formatAmount(x.amount)} NEX, withdrawable from ${iso(x.unlockAt)} (${x.hash})`,
        });
      }),
    );
  mesh
    .command("withdraw")
    .description("withdraw a matured unbonding")
    .argument("<index>", "unbonding index (see `show bank`)")
    .action((i: string) =>
      txCommand(ctx(), "meshWithdraw", h.contracts, ({ b, signer }) => {
        const index = uintArg(i, "index");
        return plan({
          label: `withdraw unbonding ${index}`,
          send: (o) => withdrawMesh(signer, b.mesh.target as string, index, o),
          json: (r) => ({ index: r.index, amount: r.amount }),
          text: (x) => `withdrew unbonding ${x.index}: ${formatAmount(x.amount)} NEX (${x.hash})`,
        });
      }),
    );
  registerStakedVotesCommands(mesh, ctx, {
    group: "bpci bank-mesh",
    what: "your mesh stake (BankMesh's staked votes, counted by mesh proposals)",
    staking: async (c) => (await h.contracts(c, false)).mesh.getAddress(),
  });

  // ------------------------------------------------------------------------------------------------ liquidity
  mesh
    .command("request-liquidity")
    .description(
      "ask the mesh for NEX: amount, highest rate (bps a year) and loan duration; offers for bpci.mesh.requestWindow",
    )
    .option("--token <token>", "the loan token (NEX only)", "NEX")
    .requiredOption("--amount <amount>", "NEX")
    .requiredOption("--max-rate <bps>", "highest rate accepted, bps a year (at most 50000)")
    .requiredOption("--duration <duration>", "loan duration: seconds or 90m, 6h, 30d, ...")
    .option("--wei", "amounts in wei")
    .action((opts: AmountOpts & { token: string; amount: string; maxRate: string; duration: string }) =>
      txCommand(ctx(), "meshRequestLiquidity", h.contracts, ({ b, signer }) => {
        const token = h.tokenArg(b, opts.token, ["nex"], "--token");
        const value = amount(opts.amount, opts);
        const maxRateBps = rateArg(opts.maxRate, "--max-rate");
        const duration = durationArg(opts.duration, "--duration");
        return plan({
          label: `request ${formatAmount(value)} NEX`,
          send: (o) =>
            requestMeshLiquidity(signer, b, { token: token.address, amount: value, maxRateBps, duration }, o),
          json: (r) => ({
            requestId: r.requestId,
            token: token.symbol,
            amount: value,
            maxRateBps,
            duration,
            deadline: r.deadline,
          }),
          text: (x) =>
            `request ${x.requestId}: ${formatAmount(x.amount)} NEX at most ${x.maxRateBps} bps for ${formatDuration(x.duration)}, offers until ${iso(x.deadline)} (${x.hash})`,
        });
      }),
    );
  mesh
    .command("cancel-request")
    .description("the requester cancels its open request (open offers stay withdrawable)")
    .requiredOption("--request-id <id>", "request id")
    .action((opts: { requestId: string }) =>
      txCommand(ctx(), "meshCancelRequest", h.contracts, ({ b, signer }) => {
        const id = uintArg(opts.requestId, "--request-id");
        return plan({
          label: `cancel request ${id}`,
          send: (o) => send(signer, buildMeshCancelRequest(b.mesh.target as string, id), o),
          json: () => ({ requestId: id }),
          text: (x) => `request ${x.requestId} cancelled (${x.hash})`,
        });
      }),
    );
  mesh
    .command("offer")
    .description("offer NEX on a request at a rate (at most its maximum); the amount is escrowed (approves exactly)")
    .requiredOption("--request-id <id>", "request id")
    .requiredOption("--amount <amount>", "NEX")
    .requiredOption("--rate <bps>", "rate, bps a year")
    .option("--conditions <text|hash>", "the lender's off-chain conditions (text is hashed; 32-byte hex as is)")
    .option("--wei", "amounts in wei")
    .action((opts: AmountOpts & { requestId: string; amount: string; rate: string; conditions?: string }) =>
      txCommand(ctx(), "meshOffer", h.contracts, ({ b, signer }) => {
        const requestId = uintArg(opts.requestId, "--request-id");
        const value = amount(opts.amount, opts);
        const rateBps = rateArg(opts.rate, "--rate");
        const conditionsHash = opts.conditions === undefined ? undefined : hashArg(opts.conditions, "--conditions");
        return plan({
          label: `offer ${formatAmount(value)} NEX on request ${requestId}`,
          send: (o) => offerMeshLiquidity(signer, b, { requestId, amount: value, rateBps, conditionsHash }, o),
          json: (r) => ({
            offerId: r.offerId,
            requestId,
            amount: value,
            rateBps,
            conditionsHash: conditionsHash ?? null,
          }),
          text: (x) =>
            `offer ${x.offerId} on request ${x.requestId}: ${formatAmount(x.amount)} NEX at ${x.rateBps} bps, escrowed (${x.hash})`,
        });
      }),
    );
  mesh
    .command("withdraw-offer")
    .description("the lender withdraws its open offer; the escrow is refunded")
    .requiredOption("--offer-id <id>", "offer id")
    .action((opts: { offerId: string }) =>
      txCommand(ctx(), "meshWithdrawOffer", h.contracts, ({ b, signer }) => {
        const id = uintArg(opts.offerId, "--offer-id");
        return plan({
          label: `withdraw offer ${id}`,
          send: (o) => send(signer, buildMeshWithdrawOffer(b.mesh.target as string, id), o),
          json: () => ({ offerId: id }),
          text: (x) => `offer ${x.offerId} withdrawn (${x.hash})`,
        });
      }),
    );
  mesh
    .command("accept")
    .description("the requester accepts an offer: the escrow is paid to it and a loan (same id as the offer) opens")
    .requiredOption("--request-id <id>", "your request")
    .requiredOption("--offer-id <id>", "the offer to accept")
    .action((opts: { requestId: string; offerId: string }) =>
      txCommand(ctx(), "meshAccept", h.contracts, async ({ b, signer }) => {
        const requestId = uintArg(opts.requestId, "--request-id");
        const offerId = uintArg(opts.offerId, "--offer-id");
        const offer = await readMeshOffer(b, offerId);
        if (offer.requestId !== requestId) {
          throw new InvalidArgumentError(
            `offer ${offerId} answers request ${offer.requestId}, not request ${requestId}`,
            {
              details: { offerId, requestId, offerRequestId: offer.requestId },
            },
          );
        }
        return plan({
          label: `accept offer ${offerId}`,
          send: (o) => acceptMeshOffer(signer, b.mesh.target as string, offerId, o),
          json: (r) => ({
            requestId,
            loanId: r.loanId,
            lender: r.lender,
            principal: r.principal,
            due: r.due,
            dueAt: r.dueAt,
          }),
          text: (x) =>
            `loan ${x.loanId}: received ${formatAmount(x.principal)} NEX from ${x.lender}; repay ${formatAmount(x.due)} NEX by ${iso(x.dueAt)} (${x.hash})`,
        });
      }),
    );
  mesh
    .command("repay")
    .description("repay a loan: everything owed (principal + interest, to the wei) unless --amount; approves exactly")
    .requiredOption("--loan-id <id>", "loan id")
    .option("--amount <amount>", "a part payment, NEX (default: all that is owed)")
    .option("--wei", "amounts in wei")
    .action((opts: AmountOpts & { loanId: string; amount?: string }) =>
      txCommand(ctx(), "meshRepay", h.contracts, ({ b, signer }) => {
        const loanId = uintArg(opts.loanId, "--loan-id");
        const part = opts.amount === undefined ? undefined : amount(opts.amount, opts);
        return plan({
          label: `repay loan ${loanId}`,
          send: (o) => repayMeshLoan(signer, b, loanId, part, o),
          json: (r) => ({ loanId, amount: r.amount, repaid: r.repaid, due: r.due, closed: r.closed }),
          text: (x) =>
            `loan ${x.loanId}: paid ${formatAmount(x.amount)} NEX, ${formatAmount(x.repaid)} of ${formatAmount(x.due)} repaid${x.closed ? " (Repaid)" : ""} (${x.hash})`,
        });
      }),
    );
  mesh
    .command("claim")
    .description("the lender of an overdue loan claims the shortfall from the borrower's stake")
    .requiredOption("--loan-id <id>", "loan id")
    .action((opts: { loanId: string }) =>
      txCommand(ctx(), "meshClaim", h.contracts, ({ b, signer }) => {
        const loanId = uintArg(opts.loanId, "--loan-id");
        return plan({
          label: `claim loan ${loanId}`,
          send: (o) => claimMeshLoan(signer, b.mesh.target as string, loanId, o),
          json: (r) => ({ loanId, shortfall: r.shortfall, claimed: r.claimed }),
          text: (x) =>
            `loan ${x.loanId} claimed: ${formatAmount(x.claimed)} NEX of a ${formatAmount(x.shortfall)} NEX shortfall from the borrower's stake (${x.hash})`,
        });
      }),
    );

  // ------------------------------------------------------------------------------------------------ settlements
  mesh
    .command("settle")
    .description(
      "open a settlement to another bank (NEX or AUR, escrowed; approves exactly); it confirms before the timeout",
    )
    .requiredOption("--to <bank>", "the counterparty bank")
    .requiredOption("--amount <amount>", "tokens")
    .option("--token <token>", "NEX or AUR", "NEX")
    .option("--purpose <text|hash>", "what it pays for (text is hashed; 32-byte hex as is)")
    .option("--wei", "amounts in wei")
    .action((opts: AmountOpts & { to: string; amount: string; token: string; purpose?: string }) =>
      txCommand(ctx(), "meshSettle", h.contracts, ({ b, signer }) => {
        const to = parseAddress(opts.to, "--to");
        const token = h.tokenArg(b, opts.token, ["nex", "aur"], "--token");
        const value = amount(opts.amount, opts);
        const purposeHash = opts.purpose === undefined ? undefined : hashArg(opts.purpose, "--purpose");
        return plan({
          label: `settle ${formatAmount(value)} ${token.symbol} to ${to}`,
          send: (o) =>
            openMeshSettlement(
              signer,
              b.mesh.target as string,
              { to, token: token.address, amount: value, purposeHash },
              o,
            ),
          json: (r) => ({
            settlementId: r.settlementId,
            to,
            token: token.symbol,
            amount: value,
            purposeHash: purposeHash ?? null,
            deadline: r.deadline,
          }),
          text: (x) =>
            `settlement ${x.settlementId}: ${formatAmount(x.amount)} ${x.token} to ${x.to}, confirmable until ${iso(x.deadline)} (${x.hash})`,
        });
      }),
    );
  mesh
    .command("confirm")
    .description("the counterparty confirms a settlement before its timeout: the escrow is paid to it")
    .requiredOption("--settlement-id <id>", "settlement id")
    .action((opts: { settlementId: string }) =>
      txCommand(ctx(), "meshConfirm", h.contracts, ({ b, signer }) => {
        const id = uintArg(opts.settlementId, "--settlement-id");
        return plan({
          label: `confirm settlement ${id}`,
          send: (o) => send(signer, buildMeshConfirm(b.mesh.target as string, id), o),
          json: () => ({ settlementId: id }),
          text: (x) => `settlement ${x.settlementId} confirmed (${x.hash})`,
        });
      }),
    );
  mesh
    .command("refund")
    .description("refund a settlement to its sender once the timeout has passed (anyone)")
    .requiredOption("--settlement-id <id>", "settlement id")
    .action((opts: { settlementId: string }) =>
      txCommand(ctx(), "meshRefund", h.contracts, ({ b, signer }) => {
        const id = uintArg(opts.settlementId, "--settlement-id");
        return plan({
          label: `refund settlement ${id}`,
          send: (o) => send(signer, buildMeshRefund(b.mesh.target as string, id), o),
          json: () => ({ settlementId: id }),
          text: (x) => `settlement ${x.settlementId} refunded to its sender (${x.hash})`,
        });
      }),
    );

  // ------------------------------------------------------------------------------------------------ proposals
  mesh
    .command("create-proposal")
    .description(
      "open a mesh proposal (stake counted the second before; passes at bpci.mesh.passThresholdBps): ParameterChange --key --value, Admission/Expulsion --bank",
    )
    .requiredOption("--type <type>", MESH_PROPOSAL_KINDS.join(", "))
    .option("--key <parameter>", "ParameterChange: a BPCI registry parameter (name or 32-byte key)")
    .option("--value <integer>", "ParameterChange: the value, in the parameter's base unit")
    .option("--bank <address>", "Admission or Expulsion: the bank")
    .option("--description <text>", "why (hashed into the proposal)", "")
    .action((opts: { type: string; key?: string; value?: string; bank?: string; description: string }) =>
      txCommand(ctx(), "meshPropose", h.contracts, ({ b, signer }) => {
        const target = proposalTargetArg(opts);
        const descriptionHash = opts.description === "" ? undefined : hashArg(opts.description, "--description");
        return plan({
          label: `propose ${target.kind}`,
          send: (o) => proposeMesh(signer, b.mesh.target as string, target, descriptionHash, o),
          json: (r) => ({
            proposalId: r.proposalId,
            type: target.kind,
            ...(target.kind === "ParameterChange" ? { key: target.key, value: target.value } : { bank: target.bank }),
            snapshot: r.snapshot,
            endsAt: r.endsAt,
            totalStake: r.totalStake,
          }),
          text: (x) =>
            `proposal ${x.proposalId} (${x.type}): ${formatAmount(x.totalStake)} NEX staked at the snapshot, voting until ${iso(x.endsAt)} (${x.hash})`,
        });
      }),
    );
  mesh
    .command("vote")
    .description("vote on an active proposal with your stake at its snapshot (once)")
    .requiredOption("--proposal-id <id>", "proposal id")
    .requiredOption("--vote <approve|reject>", "approve or reject")
    .action((opts: { proposalId: string; vote: string }) =>
      txCommand(ctx(), "meshVote", h.contracts, ({ b, signer }) => {
        const id = uintArg(opts.proposalId, "--proposal-id");
        const approve = voteArg(opts.vote);
        return plan({
          label: `vote ${approve ? "approve" : "reject"} on proposal ${id}`,
          send: async (o) => {
            const r = await voteMesh(signer, b.mesh.target as string, id, approve, o);
            return { ...r, state: (await readMeshProposal(b, id)).state };
          },
          json: (r) => ({ proposalId: id, vote: approve ? "approve" : "reject", weight: r.weight, state: r.state }),
          text: (x) =>
            `voted ${x.vote} on proposal ${x.proposalId} with ${formatAmount(x.weight)} NEX; it is ${x.state} (${x.hash})`,
        });
      }),
    );
  mesh
    .command("execute")
    .description("execute a passed proposal (anyone): admit, expel, or emit a parameter change for the kit governance")
    .requiredOption("--proposal-id <id>", "proposal id")
    .action((opts: { proposalId: string }) =>
      txCommand(ctx(), "meshExecute", h.contracts, ({ b, signer }) => {
        const id = uintArg(opts.proposalId, "--proposal-id");
        return plan({
          label: `execute proposal ${id}`,
          send: (o) => executeMesh(signer, b.mesh.target as string, id, o),
          json: (r) => ({ proposalId: id, outcome: r.outcome }),
          text: (x) => {
            const o = x.outcome;
            const what =
              o.kind === "Expulsion"
                ? `${o.bank} expelled (${formatAmount(o.unbonded)} NEX unbonding)`
                : o.kind === "Admission"
                  ? `${o.bank} re-admitted`
                  : `the change of ${findBpciName(o.key) ?? o.key} to ${o.value} approved for the kit governance`;
            return `proposal ${x.proposalId} executed: ${what} (${x.hash})`;
          },
        });
      }),
    );

  // ------------------------------------------------------------------------------------------------ reads
  mesh
    .command("network")
    .description("the mesh's banks, escrows, counts and rules; --liquidity adds the latest requests and open demand")
    .option("--liquidity", "the liquidity of the latest requests (or --request-ids)")
    .option("--recent <n>", "how many of the latest requests to read (1..500)", "20")
    .option("--request-ids <ids>", "read these requests instead (comma-separated)")
    .action(async (opts: { liquidity?: boolean; recent: string; requestIds?: string }) => {
      const c = ctx();
      const b = await h.contracts(c, false);
      const network = await readMeshNetwork(b);
      const liquidity = opts.liquidity
        ? await readMeshLiquidity(b, {
            recent: Number(uintArg(opts.recent, "--recent")),
            requestIds: opts.requestIds === undefined ? undefined : idsArg(opts.requestIds, "--request-ids"),
          })
        : undefined;
      c.print({ ...network, ...(liquidity ? { liquidity } : {}) }, () => meshNetworkLines(network, liquidity));
    });

  const show = mesh.command("show").description("one bank, request, offer, loan, settlement or proposal");
  show
    .command("bank")
    .description("a bank: status, stake, reputation, heartbeat, open loans, unbondings, name and endpoint")
    .argument("[address]", "bank (default: the signer)")
    .action(async (address: string | undefined) => {
      const c = ctx();
      const who = await accountArg(c, address, "bank");
      const x = await readMeshBank(await h.contracts(c, false), who);
      const now = await chainNow(c);
      c.print(x, (r) => meshBankLines(r, now));
    });
  const byId = <T>(
    what: string,
    read: (b: Awaited<ReturnType<BpciCliHelpers["contracts"]>>, id: bigint) => Promise<T>,
    lines: (x: T, now: bigint) => string[],
  ) =>
    show
      .command(what)
      .description(`a ${what} and its state`)
      .argument("<id>", `${what} id`)
      .action(async (id: string) => {
        const c = ctx();
        const x = await read(await h.contracts(c, false), uintArg(id, `${what}Id`));
        const now = await chainNow(c);
        c.print(x, (r) => lines(r, now));
      });
  byId("request", readMeshRequest, meshRequestLines);
  byId("offer", readMeshOffer, (x: Awaited<ReturnType<typeof readMeshOffer>>) => [
    `offer ${x.id} on request ${x.requestId}: ${x.state}, ${formatAmount(x.amount)} NEX at ${x.rateBps} bps by ${x.lender}`,
  ]);
  byId("loan", readMeshLoan, meshLoanLines);
  byId("settlement", readMeshSettlement, meshSettlementLines);
  byId("proposal", readMeshProposal, meshProposalLines);
}
