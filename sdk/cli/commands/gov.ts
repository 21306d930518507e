import type { Command } from "commander";
import { ContractRevertError, InvalidArgumentError, formatAmount, parseAddress, parseBaseUnits } from "../../kit/core";
import { allCatalogues } from "../../kit/preset";
import { findParameterIn } from "../../kit/core";
import {
  checkParameterChange,
  describeActions,
  findProposal,
  readParameter,
  simulateAsTimelock,
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
  buildCastVoteBySig,
  buildCastVoteWithParams,
  buildProposeUntyped,
  hashProposal,
  proposalActions,
  propose,
  signBallot,
  withProposerSuffix,
  type ProposalActions,
  type SendOptions,
  type SignedBallot,
  send,
  type TxRequest,
} from "../../kit/tx";
import type { CliContext } from "../context";
import type { Signer } from "ethers";
import { signedArg } from "./token";
import { kitContracts, uintArg, sendWithProgress, txJson } from "../helpers";

const collect = (v: string, prev: string[] = []) => [...prev, v];
const when = (ts: bigint) => (ts === 0n ? "-" : `${new Date(Number(ts) * 1000).toISOString()} (${ts})`);

interface ParamChange {
  readonly name: string;
  readonly value: bigint;
}

/** `NAME=VALUE` → the parameter and its new value; VALUE in the parameter's base unit (wei, bps, seconds). */
function paramChange(spec: string): ParamChange {
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
  return { name, value: parseBaseUnits(value) };
}

/**
 * Refuses (exit 2) parameter changes the registry would revert when the proposal executes at the earliest (now +
 * voting delay + voting period + the type's timelock delay): out of bounds, frozen, or faster than the rate limit.
 */
async function checkParamChanges(
  c: CliContext,
  q: Awaited<ReturnType<typeof kitContracts>>,
  changes: readonly ParamChange[],
  type: number,
): Promise<bigint> {
  const [settings, types, block] = await Promise.all([
    readGovernorSettings(q.governor),
    readTypeConfigs(q.governor),
    (await c.provider()).getBlock("latest"),
  ]);
  const executableAt = BigInt(block!.timestamp) + settings.votingDelay + settings.votingPeriod + types[type].minDelay;
  const problems: string[] = [];
  for (const ch of changes) {
    const state = await readParameter(q.registry, ch.name, allCatalogues());
    const problem = checkParameterChange(state, ch.value, executableAt);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) {
    throw new InvalidArgumentError(problems.join("; "), { details: { problems, executableAt } });
  }
  return executableAt;
}

/** Ids of the rate-limit reverts that a later execution can avoid (checked at the execution time instead). */
const TIME_DEPENDENT = new Set(["ParameterChangeTooFast", "ParameterFrozen"]);

/** `TARGET:CALLDATA[:VALUE_WEI]` → a raw action. */
function rawAction(spec: string): TxRequest {
  const [to, data, value = "0", ...rest] = spec.split(":");
  if (rest.length > 0 || !to || !data) {
    throw new InvalidArgumentError(`--action takes TARGET:CALLDATA[:VALUE_WEI], not "${spec}"`);
  }
  if (!/^0x([0-9a-fA-F]{2})*$/.test(data)) throw new InvalidArgumentError(`--action calldata is not hex: "${data}"`);
  return { to: parseAddress(to, "action target"), data, value: parseBaseUnits(value) };
}

/**
 * Simulates every action as the timelock (`eth_call` from its address) and throws the first revert, decoded, before
 * anything is sent. A rate-limit revert of one of the first `paramCount` actions (the `--param` ones, already
 * checked at the earliest execution time) is not an error: the band has reset by then.
 */
async function simulateProposal(
  c: CliContext,
  timelock: string,
  actions: { targets: readonly string[]; values: readonly bigint[]; calldatas: readonly string[] },
  paramCount: number,
  governor: string,
): Promise<{ index: number; target: string; note: string }[]> {
  const book = await c.addressBook();
  const ids = new Map(Object.entries(book.contracts).map(([id, a]) => [a.toLowerCase(), id.split("#").pop()!]));
  const calls = actions.targets.map((target, i) => ({ target, value: actions.values[i], data: actions.calldatas[i] }));
  const results = await simulateAsTimelock(
    await c.provider(),
    timelock,
    calls,
    (t) => ids.get(t.toLowerCase()),
    (t) =>
      t.toLowerCase() === governor.toLowerCase()
        ? "a call to the governor itself (onlyGovernance) succeeds only while the governor executes the proposal"
        : undefined,
  );
  for (const r of results) {
    if (r.status !== "reverted" || !r.error) continue;
    if (r.index < paramCount && TIME_DEPENDENT.has(r.error.errorName)) continue;
    const e = r.error;
    throw new ContractRevertError(`action ${r.index} (${r.target}) reverts when the timelock makes it: ${e.message}`, {
      errorName: e.decoded ? e.errorName : undefined,
      args: e.args,
      contract: e.contract,
      data: e.data,
      signature: e.signature,
      details: { action: r.index, target: r.target, simulatedFrom: timelock },
    });
  }
  return results.flatMap((r) => (r.status === "skipped" ? [{ index: r.index, target: r.target, note: r.note! }] : []));
}

/** A signed ballot argument: its JSON (from `kit gov vote --sign-only`) or `@file` holding it. */
function ballotArg(value: string): SignedBallot {
  const { raw, int, signature } = signedArg(value, "ballot");
  const support = Number(int("support"));
  const extended = raw.reason !== undefined || raw.params !== undefined;
  return {
    proposalId: int("proposalId"),
    support: parseSupport(support),
    voter: parseAddress(String(raw.voter ?? ""), "voter"),
    nonce: int("nonce"),
    ...(extended ? { reason: String(raw.reason ?? ""), params: String(raw.params ?? "0x") } : {}),
    signature,
  };
}

/** The untyped `propose()` from the signer, with the `#proposer=` suffix unless disabled; the id is computed. */
async function proposeUntyped(
  signer: Signer,
  governor: string,
  actions: ProposalActions,
  description: string,
  options: SendOptions & { suffix?: boolean },
) {
  const full = options.suffix === false ? description : withProposerSuffix(description, await signer.getAddress());
  const spec = { ...actions, description: full };
  const receipt = await send(signer, buildProposeUntyped(governor, spec), options);
  return { receipt, proposalId: hashProposal(spec), description: full };
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
    .description(
      "create a typed proposal (actions: --param NAME=VALUE and/or --action TARGET:CALLDATA[:VALUE]); every --param is checked against the registry's bounds and rate limit at the earliest execution, and every action is simulated as the timelock, before anything is sent",
    )
    .requiredOption("--description <text>", "what the proposal does (the #proposer= suffix is appended)")
    .option("--type <type>", "TechnicalUpgrade | EconomicParameter | TreasurySpending | EmergencyAction", "technical")
    .option("--param <name=value>", "set a registry parameter (value in its base unit); repeatable", collect)
    .option("--action <target:calldata[:value]>", "a raw call made by the timelock; repeatable", collect)
    .option("--no-suffix", "do not append #proposer=<signer> (anyone could then front-run the proposal)")
    .option(
      "--no-simulate",
      "do not simulate the actions as the timelock (each is simulated alone on the current state, so an action that needs an earlier action of the same proposal fails its simulation)",
    )
    .option(
      "--untyped",
      "send OpenZeppelin's plain propose() (judged by quorum of For + Abstain and For > Against, the timelock's minimum delay; as Tally creates them) instead of proposeWithType; --type is ignored",
    )
    .action(
      async (opts: {
        description: string;
        type: string;
        param?: string[];
        action?: string[];
        suffix: boolean;
        simulate: boolean;
        untyped?: boolean;
      }) => {
        const c = ctx();
        const type = parseProposalType(opts.untyped ? "technical" : opts.type);
        const q = await kitContracts(c, false);
        const registry = await q.registry.getAddress();
        const changes = (opts.param ?? []).map(paramChange);
        const requests = [
          ...changes.map((ch) => buildParameterSet(registry, ch.name, ch.value, allCatalogues())),
          ...(opts.action ?? []).map(rawAction),
        ];
        if (requests.length === 0) throw new InvalidArgumentError("give at least one --param or --action");
        await checkParamChanges(c, q, changes, type);
        const actions = proposalActions(requests);
        const governor = await q.governor.getAddress();
        const notSimulated = opts.simulate
          ? await simulateProposal(c, await q.governor.timelock(), actions, changes.length, governor)
          : actions.targets.map((target, index) => ({ index, target, note: "--no-simulate" }));
        const signer = await c.signer();
        const from = await signer.getAddress();
        const r = await sendWithProgress(c, "propose", (o) =>
          opts.untyped
            ? proposeUntyped(signer, governor, actions, opts.description, { ...o, suffix: opts.suffix })
            : propose(signer, governor, actions, opts.description, type, { ...o, suffix: opts.suffix }),
        );
        c.print(
          txJson(opts.untyped ? "proposeUntyped" : "propose", from, r.receipt, {
            proposalId: r.proposalId,
            type: opts.untyped ? null : type,
            description: r.description,
            targets: actions.targets,
            values: actions.values,
            calldatas: actions.calldatas,
            notSimulated,
          }),
          (x) => [
            `proposal ${x.proposalId} created in ${x.hash}`,
            ...x.notSimulated.map((n) => `  action ${n.index} not simulated: ${n.note}`),
          ],
        );
      },
    );

  gov
    .command("vote")
    .description("vote on an active proposal")
    .argument("<id>", "proposal id")
    .argument("<support>", "for | against | abstain")
    .option("--reason <text>", "a reason recorded on chain")
    .option(
      "--params <hex>",
      "extra bytes for the counting module (castVoteWithReasonAndParams; recorded, not counted)",
    )
    .option("--sign-only", "print a signed ballot (JSON, no gas) for someone else to submit (gov vote-submit)")
    .action(async (id: string, support: string, opts: { reason?: string; params?: string; signOnly?: boolean }) => {
      const c = ctx();
      const pid = parseProposalId(id);
      const s = parseSupport(support);
      if (opts.params !== undefined && !/^0x([0-9a-fA-F]{2})*$/.test(opts.params)) {
        throw new InvalidArgumentError(`--params must be 0x-prefixed hex bytes, not "${opts.params}"`);
      }
      const q = await kitContracts(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const governor = await q.governor.getAddress();
      if (opts.signOnly) {
        const b = await signBallot(signer, governor, {
          proposalId: pid,
          support: s,
          reason: opts.reason,
          params: opts.params,
        });
        c.print({ action: "ballotSigned", governor, ...b }, (r) => [
          JSON.stringify({ ...r, proposalId: String(r.proposalId), nonce: String(r.nonce) }),
          "(submit with `kit gov vote-submit '<json>'`; valid until the voter's next vote or signed vote)",
        ]);
        return;
      }
      const request =
        opts.params === undefined
          ? buildCastVote(governor, pid, s, opts.reason)
          : buildCastVoteWithParams(governor, pid, s, opts.reason ?? "", opts.params);
      const receipt = await sendWithProgress(c, `vote ${support} on ${pid}`, (o) => send(signer, request, o));
      const weight = await q.governor.getVotes(from, await q.governor.proposalSnapshot(pid));
      c.print(
        txJson("vote", from, receipt, { proposalId: pid, support: s, reason: opts.reason ?? null, weight }),
        (r) => [`voted ${support} on ${pid} with ${formatAmount(r.weight)} votes in ${r.hash}`],
      );
    });

  gov
    .command("vote-submit")
    .description("submit a vote someone signed (`kit gov vote --sign-only`); you pay the gas, the vote is theirs")
    .argument("<ballot>", "the ballot JSON, or @file holding it")
    .action(async (value: string) => {
      const c = ctx();
      const b = ballotArg(value);
      const q = await kitContracts(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const governor = await q.governor.getAddress();
      const request = buildCastVoteBySig(governor, b);
      const receipt = await sendWithProgress(c, `submit ${b.voter}'s vote on ${b.proposalId}`, (o) =>
        send(signer, request, o),
      );
      const weight = await q.governor.getVotes(b.voter, await q.governor.proposalSnapshot(b.proposalId));
      c.print(
        txJson(request.functionName, from, receipt, {
          proposalId: b.proposalId,
          voter: b.voter,
          support: b.support,
          weight,
        }),
        (r) => [`submitted ${b.voter}'s vote on ${b.proposalId} with ${formatAmount(r.weight)} votes in ${r.hash}`],
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
    .description(
      "a proposal's actions in words (decoded from the ABIs and the parameter catalogue) and its targets' code: hash, DELEGATECALL / SELFDESTRUCT opcodes, EOAs",
    )
    .argument("<id>", "proposal id")
    .option("--from-block <n>", "first block to search for the proposal (default 0)")
    .action(async (id: string, opts: { fromBlock?: string }) => {
      const c = ctx();
      const pid = parseProposalId(id);
      const fromBlock = opts.fromBlock === undefined ? 0 : Number(uintArg(opts.fromBlock, "from-block"));
      const { governor } = await kitContracts(c, false);
      const p = await findProposal(governor, pid, { fromBlock });
      const provider = await c.provider();
      const targets = await inspectTargets(provider, p.targets);
      const actions = await describeActions(
        { provider, book: await c.addressBook(), catalogue: allCatalogues() },
        p.targets.map((target, i) => ({ target, value: p.values[i], data: p.calldatas[i] })),
      );
      const warnings = targets.flatMap((t) => [
        ...(t.hasCode ? [] : [`${t.target} has no code`]),
        ...(t.delegatecall ? [`${t.target} can DELEGATECALL (its behaviour can change after the vote)`] : []),
        ...(t.selfdestruct ? [`${t.target} contains SELFDESTRUCT`] : []),
      ]);
      c.print({ ...p, actions, targetCode: targets, warnings }, (r) => [
        `proposal ${r.id} (${r.typeName}, ${r.stateName}) by ${r.proposer}`,
        `  ${r.description.split("\n")[0]}`,
        ...r.actions.flatMap((a, i) => [
          `  action ${i}: ${a.text}`,
          `    to ${r.targets[i]} value ${r.values[i]} data ${r.calldatas[i].slice(0, 74)}${r.calldatas[i].length > 74 ? "…" : ""}`,
        ]),
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
