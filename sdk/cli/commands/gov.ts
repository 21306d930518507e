import type { Command } from "commander";
import { InvalidArgumentError, formatAmount, parseAddress, parseBaseUnits } from "../../kit/core";
import { allCatalogues } from "../../kit/preset";
import { findParameterIn } from "../../kit/core";
import {
  findProposal,
  inspectTargets,
  parseProposalId,
  parseProposalType,
  parseSupport,
  readGovernorSettings,
  readProposal,
  readProposals,
  readTypeConfigs,
  readVoteSources,
  resolveParameterKey,
  type ProposalInfo,
} from "../../kit/chain";
import {
  buildCastVote,
  buildExecute,
  buildParameterSet,
  buildQueue,
  buildCancel,
  proposalActions,
  propose,
  send,
  type TxRequest,
} from "../../kit/tx";
import type { CliContext } from "../context";
import { kitContracts, uintArg, sendWithProgress, txJson } from "../helpers";

const collect = (v: string, prev: string[] = []) => [...prev, v];
const when = (ts: bigint) => (ts === 0n ? "-" : `${new Date(Number(ts) * 1000).toISOString()} (${ts})`);

/** `NAME=VALUE` → a `ParameterRegistry.set` action; VALUE in the parameter's base unit (wei, bps, seconds). */
function paramAction(registry: string, spec: string): TxRequest {
  const i = spec.indexOf("=");
  if (i <= 0) throw new InvalidArgumentError(`--param takes NAME=VALUE, not "${spec}"`);
  const name = spec.slice(0, i);
  const value = spec.slice(i + 1);
  resolveParameterKey(name, allCatalogues()); // unknown names fail here, with the list of known ones
  if (!/^\d+$/.test(value)) {
    const unit = findParameterIn(allCatalogues(), name)?.unit ?? "base units";
    throw new InvalidArgumentError(`--param ${name}: the value must be a non-negative integer in ${unit}`, {
      details: { value },
    });
  }
  return buildParameterSet(registry, name, parseBaseUnits(value), allCatalogues());
}

/** `TARGET:CALLDATA[:VALUE_WEI]` → a raw action. */
function rawAction(spec: string): TxRequest {
  const [to, data, value = "0", ...rest] = spec.split(":");
  if (rest.length > 0 || !to || !data) {
    throw new InvalidArgumentError(`--action takes TARGET:CALLDATA[:VALUE_WEI], not "${spec}"`);
  }
  if (!/^0x([0-9a-fA-F]{2})*$/.test(data)) throw new InvalidArgumentError(`--action calldata is not hex: "${data}"`);
  return { to: parseAddress(to, "action target"), data, value: parseBaseUnits(value) };
}

function showProposal(p: ProposalInfo): string[] {
  return [
    `proposal ${p.id}`,
    `  state     ${p.stateName}`,
    `  type      ${p.typeName}`,
    `  proposer  ${p.proposer}`,
    `  voting    ${when(p.snapshot)} .. ${when(p.deadline)}`,
    `  eta       ${when(p.eta)}`,
    `  votes     for ${formatAmount(p.votes.for)}, against ${formatAmount(p.votes.against)}, abstain ${formatAmount(p.votes.abstain)}`,
    `  quorum    ${formatAmount(p.quorumVotes)} of ${p.quorum === null ? "(known at the snapshot)" : formatAmount(p.quorum)} needed`,
  ];
}

/** `kit gov …`: typed proposals through the EconomyGovernor and the timelock. */
export function registerGov(program: Command, ctx: () => CliContext): void {
  const gov = program.command("gov").description("governance: typed proposals, votes, timelock queue and execution");

  gov
    .command("info")
    .description("governor settings, vote sources and the requirements of each proposal type")
    .action(async () => {
      const c = ctx();
      const { governor } = await kitContracts(c, false);
      const [settings, sources, types] = await Promise.all([
        readGovernorSettings(governor),
        readVoteSources(governor),
        readTypeConfigs(governor),
      ]);
      c.print({ settings, sources, types }, (r) => [
        `${r.settings.name} at ${r.settings.address} (timelock ${r.settings.timelock})`,
        `voting delay ${r.settings.votingDelay} s, period ${r.settings.votingPeriod} s, threshold ${formatAmount(r.settings.proposalThreshold)} votes`,
        ...r.sources.map((s) => `source ${s.token} weight ${s.weightBps} bps`),
        ...r.types.map(
          (t) =>
            `${t.typeName.padEnd(18)} quorum ${t.quorumBps} bps, approval > ${t.approvalBps} bps, delay ${t.minDelay} s`,
        ),
      ]);
    });

  gov
    .command("propose")
    .description("create a typed proposal (actions: --param NAME=VALUE and/or --action TARGET:CALLDATA[:VALUE])")
    .requiredOption("--description <text>", "what the proposal does (the #proposer= suffix is appended)")
    .option("--type <type>", "TechnicalUpgrade | EconomicParameter | TreasurySpending | EmergencyAction", "technical")
    .option("--param <name=value>", "set a registry parameter (value in its base unit); repeatable", collect)
    .option("--action <target:calldata[:value]>", "a raw call made by the timelock; repeatable", collect)
    .option("--no-suffix", "do not append #proposer=<signer> (anyone could then front-run the proposal)")
    .action(
      async (opts: { description: string; type: string; param?: string[]; action?: string[]; suffix: boolean }) => {
        const c = ctx();
        const type = parseProposalType(opts.type);
        const q = await kitContracts(c, false);
        const registry = await q.registry.getAddress();
        const requests = [
          ...(opts.param ?? []).map((p) => paramAction(registry, p)),
          ...(opts.action ?? []).map(rawAction),
        ];
        if (requests.length === 0) throw new InvalidArgumentError("give at least one --param or --action");
        const actions = proposalActions(requests);
        const signer = await c.signer();
        const from = await signer.getAddress();
        const governor = await q.governor.getAddress();
        const r = await sendWithProgress(c, "propose", (o) =>
          propose(signer, governor, actions, opts.description, type, { ...o, suffix: opts.suffix }),
        );
        c.print(
          txJson("propose", from, r.receipt, {
            proposalId: r.proposalId,
            type,
            description: r.description,
            targets: actions.targets,
            values: actions.values,
            calldatas: actions.calldatas,
          }),
          (x) => [`proposal ${x.proposalId} created in ${x.hash}`],
        );
      },
    );

  gov
    .command("vote")
    .description("vote on an active proposal")
    .argument("<id>", "proposal id")
    .argument("<support>", "for | against | abstain")
    .option("--reason <text>", "a reason recorded on chain")
    .action(async (id: string, support: string, opts: { reason?: string }) => {
      const c = ctx();
      const pid = parseProposalId(id);
      const s = parseSupport(support);
      const q = await kitContracts(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const governor = await q.governor.getAddress();
      const receipt = await sendWithProgress(c, `vote ${support} on ${pid}`, (o) =>
        send(signer, buildCastVote(governor, pid, s, opts.reason), o),
      );
      const weight = await q.governor.getVotes(from, await q.governor.proposalSnapshot(pid));
      c.print(
        txJson("vote", from, receipt, { proposalId: pid, support: s, reason: opts.reason ?? null, weight }),
        (r) => [`voted ${support} on ${pid} with ${formatAmount(r.weight)} votes in ${r.hash}`],
      );
    });

  for (const [name, verb] of [
    ["queue", "queue a succeeded proposal on the timelock"],
    ["execute", "execute a queued proposal whose eta has passed"],
    ["cancel", "cancel your proposal before voting starts (the proposal guardian: any time before execution)"],
  ] as const) {
    gov
      .command(name)
      .description(`${verb} (its actions are read from the ProposalCreated event)`)
      .argument("<id>", "proposal id")
      .option("--from-block <n>", "first block to search for the proposal (default 0)")
      .action(async (id: string, opts: { fromBlock?: string }) => {
        const c = ctx();
        const pid = parseProposalId(id);
        const fromBlock = opts.fromBlock === undefined ? 0 : Number(uintArg(opts.fromBlock, "from-block"));
        const q = await kitContracts(c, false);
        const p = await findProposal(q.governor, pid, { fromBlock });
        const signer = await c.signer();
        const from = await signer.getAddress();
        const governor = await q.governor.getAddress();
        const receipt = await sendWithProgress(c, `${name} ${pid}`, (o) =>
          send(
            signer,
            (name === "queue" ? buildQueue : name === "cancel" ? buildCancel : buildExecute)(governor, p),
            o,
          ),
        );
        const info = await readProposal(q.governor, pid);
        c.print(txJson(name, from, receipt, { proposalId: pid, state: info.stateName, eta: info.eta }), (r) => [
          `${name === "queue" ? "queued" : name === "cancel" ? "cancelled" : "executed"} ${pid} in ${r.hash}; now ${r.state}${name === "queue" ? `, executable from ${when(r.eta)}` : ""}`,
        ]);
      });
  }

  gov
    .command("state")
    .description("state, type, timing, votes and quorum of a proposal")
    .argument("<id>", "proposal id")
    .action(async (id: string) => {
      const c = ctx();
      const { governor } = await kitContracts(c, false);
      c.print(await readProposal(governor, parseProposalId(id)), showProposal);
    });

  gov
    .command("inspect")
    .description("a proposal's actions and its targets' code: hash, DELEGATECALL / SELFDESTRUCT opcodes, EOAs")
    .argument("<id>", "proposal id")
    .option("--from-block <n>", "first block to search for the proposal (default 0)")
    .action(async (id: string, opts: { fromBlock?: string }) => {
      const c = ctx();
      const pid = parseProposalId(id);
      const fromBlock = opts.fromBlock === undefined ? 0 : Number(uintArg(opts.fromBlock, "from-block"));
      const { governor } = await kitContracts(c, false);
      const p = await findProposal(governor, pid, { fromBlock });
      const targets = await inspectTargets(await c.provider(), p.targets);
      const warnings = targets.flatMap((t) => [
        ...(t.hasCode ? [] : [`${t.target} has no code`]),
        ...(t.delegatecall ? [`${t.target} can DELEGATECALL (its behaviour can change after the vote)`] : []),
        ...(t.selfdestruct ? [`${t.target} contains SELFDESTRUCT`] : []),
      ]);
      c.print({ ...p, targetCode: targets, warnings }, (r) => [
        `proposal ${r.id} (${r.typeName}, ${r.stateName}) by ${r.proposer}`,
        `  ${r.description.split("\n")[0]}`,
        ...r.targets.map((t, i) => `  action ${i}: ${t} value ${r.values[i]} data ${r.calldatas[i].slice(0, 74)}…`),
        ...r.targetCode.map((t) => `  code ${t.target} ${t.codeHash}`),
        ...(r.warnings.length ? r.warnings.map((w) => `  warning: ${w}`) : ["  no warnings"]),
      ]);
    });

  gov
    .command("list")
    .description("every proposal created (from ProposalCreated events) with its type and state")
    .option("--from-block <n>", "first block to scan (default 0)")
    .action(async (opts: { fromBlock?: string }) => {
      const c = ctx();
      const fromBlock = opts.fromBlock === undefined ? 0 : Number(uintArg(opts.fromBlock, "from-block"));
      const { governor } = await kitContracts(c, false);
      const all = await readProposals(governor, { fromBlock });
      c.print(all, (r) =>
        r.length === 0
          ? ["no proposals"]
          : r.map((p) => `${p.id}  ${p.stateName.padEnd(9)} ${p.typeName.padEnd(18)} ${p.description.split("\n")[0]}`),
      );
    });
}
