import type { Command } from "commander";
import { InvalidArgumentError, formatAmount, parseAddress } from "../../kit/core";
import { send, sendWithAllowance, type WriteRequest } from "../../kit/tx";
import {
  parameterKey,
  readDispute,
  readValidator,
  buildAppeal,
  buildAttest,
  buildClaimVoterReward,
  buildDisputeAction,
  buildFundRewardPool,
  buildPenalize,
  buildRequestValidatorExit,
  buildWithdrawValidatorStake,
  challengeJob,
  commitVote,
  registerValidator,
  revealVote,
  type DisputeEntity,
  type DisputeManager,
} from "..";
import type { CliContext } from "../../cli/context";
import { amountArg, hashArg, sendWithProgress, txJson, uintArg, type AmountOpts } from "../../cli/helpers";
import { disputeIdArg, existingDispute, marketFor, saltStoreFor } from "./shared";

function disputeLines(d: DisputeEntity): string[] {
  return [
    `dispute ${d.disputeId}: ${d.state} (status ${d.status}, outcome ${d.outcome})`,
    `  job ${d.jobId}, challenger ${d.challenger}, provider ${d.provider}`,
    `  bond ${formatAmount(d.bond)} QUIV, votes up ${d.upVotes} / down ${d.downVotes} (quorum ${d.quorum})`,
    `  commit until ${d.commitEndsAt}, reveal until ${d.revealEndsAt}`,
  ];
}

/** `kit dispute …`: challenges, commit-reveal votes, resolution and validators. */
export function registerDispute(program: Command, ctx: () => CliContext): void {
  const dispute = program.command("dispute").description("disputes and validators");

  dispute
    .command("challenge")
    .description("challenge a submitted job within the dispute window (posts the bond)")
    .argument("<jobId>")
    .requiredOption("--evidence <text|hash>", "evidence (text is hashed) or 32-byte hash")
    .action(async (id: string, opts: { evidence: string }) => {
      const c = ctx();
      const jobId = uintArg(id, "jobId");
      const evidenceHash = hashArg(opts.evidence, "evidence");
      const signer = await c.signer();
      const { q, addresses } = await marketFor(c, false);
      const bond = await q.registry.get(parameterKey("quiver.dispute.bond"));
      const from = await signer.getAddress();
      const { receipt, disputeId } = await sendWithProgress(c, `challenge job ${jobId}`, (o) =>
        challengeJob(signer, addresses.disputes, addresses.quiv, jobId, evidenceHash, bond, o),
      );
      c.print(txJson("challenge", from, receipt, { jobId, disputeId, bond }), (r) => [
        `challenged job ${jobId} (bond ${formatAmount(bond)} QUIV): dispute ${r.disputeId} in ${r.hash}`,
      ]);
    });

  dispute
    .command("show")
    .description("a dispute with its derived state")
    .argument("<disputeId>")
    .action(async (id: string) => {
      const c = ctx();
      const { q } = await marketFor(c, false);
      c.print(await existingDispute(q, disputeIdArg(id)), disputeLines);
    });

  dispute
    .command("vote")
    .description("commit a sealed vote (side and salt are kept in the salt store for the reveal)")
    .argument("<disputeId>")
    .argument("<side>", "uphold or reject")
    .option("--salt-store <file>", "salt store (default $KIT_SALT_STORE or ~/.kit/salts-chain-<id>.json)")
    .action(async (id: string, side: string, opts: { saltStore?: string }) => {
      const c = ctx();
      const disputeId = disputeIdArg(id);
      if (side !== "uphold" && side !== "reject")
        throw new InvalidArgumentError(`side must be uphold or reject, got "${side}"`);
      const signer = await c.signer();
      const { addresses } = await marketFor(c, false);
      const store = await saltStoreFor(c, opts.saltStore);
      const from = await signer.getAddress();
      const { receipt, commitment } = await sendWithProgress(c, `commit vote on ${disputeId}`, (o) =>
        commitVote(signer, addresses.disputes, disputeId, side === "uphold", store, o),
      );
      c.print(txJson("commitVote", from, receipt, { disputeId, commitment }), (r) => [
        `committed a sealed vote on ${disputeId} in ${r.hash}`,
      ]);
    });

  dispute
    .command("reveal")
    .description("reveal your vote (from the salt store) in the reveal window")
    .argument("<disputeId>")
    .option("--salt-store <file>", "salt store used by `dispute vote`")
    .action(async (id: string, opts: { saltStore?: string }) => {
      const c = ctx();
      const disputeId = disputeIdArg(id);
      const signer = await c.signer();
      const { addresses } = await marketFor(c, false);
      const store = await saltStoreFor(c, opts.saltStore);
      const from = await signer.getAddress();
      const { receipt, upheld } = await sendWithProgress(c, `reveal vote on ${disputeId}`, (o) =>
        revealVote(signer, addresses.disputes, disputeId, store, o),
      );
      c.print(txJson("revealVote", from, receipt, { disputeId, upheld }), (r) => [
        `revealed ${upheld ? "uphold" : "reject"} on ${disputeId} in ${r.hash}`,
      ]);
    });

  for (const action of ["resolve", "finalize"] as const) {
    dispute
      .command(action)
      .description(
        action === "resolve" ? "tally the votes after the reveal window" : "finalize after the appeal window",
      )
      .argument("<disputeId>")
      .action(async (id: string) => {
        const c = ctx();
        const disputeId = disputeIdArg(id);
        const signer = await c.signer();
        const { q, addresses } = await marketFor(c, false);
        const from = await signer.getAddress();
        const receipt = await sendWithProgress(c, `${action} ${disputeId}`, (o) =>
          send(signer, buildDisputeAction(addresses.disputes, action, disputeId), o),
        );
        const d = await readDispute(q.disputes, disputeId);
        c.print(txJson(action, from, receipt, { disputeId, state: d.state, outcome: d.outcome }), (r) => [
          `${action}d ${disputeId}: ${d.outcome} in ${r.hash}`,
        ]);
      });
  }

  dispute
    .command("attest")
    .description("attest a submitted job's quality (validator; score 0..100)")
    .argument("<jobId>")
    .argument("<score>")
    .action(async (id: string, score: string) => {
      const c = ctx();
      const jobId = uintArg(id, "jobId");
      const s = Number(uintArg(score, "score"));
      if (s > 100) throw new InvalidArgumentError(`score must be 0..100, got ${s}`);
      const signer = await c.signer();
      const { addresses } = await marketFor(c, false);
      const from = await signer.getAddress();
      const receipt = await sendWithProgress(c, `attest job ${jobId}`, (o) =>
        send(signer, buildAttest(addresses.disputes, jobId, s), o),
      );
      c.print(txJson("attest", from, receipt, { jobId, score: s }), (r) => [
        `attested job ${jobId}: ${s} in ${r.hash}`,
      ]);
    });

  /** Sends one DisputeManager request from the signer and prints its result (`disputeId`: must exist, else exit 2). */
  const disputeTx = async (
    label: string,
    request: (disputes: string) => WriteRequest<DisputeManager>,
    action: string,
    extra: Record<string, unknown>,
    text: (hash: string) => string,
  ) => {
    const c = ctx();
    const signer = await c.signer();
    const { q, addresses } = await marketFor(c, false);
    if (typeof extra.disputeId === "string") await existingDispute(q, extra.disputeId);
    const from = await signer.getAddress();
    const receipt = await sendWithProgress(c, label, (o) => send(signer, request(addresses.disputes), o));
    c.print(txJson(action, from, receipt, extra), (r) => [text(r.hash)]);
  };

  dispute
    .command("appeal")
    .description(
      "appeal a decided dispute within the appeal window (the losing party; approves the appeal bond after a pre-flight)",
    )
    .argument("<disputeId>")
    .action(async (id: string) => {
      const c = ctx();
      const disputeId = disputeIdArg(id);
      const signer = await c.signer();
      const { q, addresses } = await marketFor(c, false);
      const { appealBond } = await existingDispute(q, disputeId);
      const from = await signer.getAddress();
      const receipt = await sendWithProgress(c, `appeal ${disputeId}`, (o) =>
        sendWithAllowance(signer, addresses.quiv, appealBond, buildAppeal(addresses.disputes, disputeId), o),
      );
      c.print(txJson("appeal", from, receipt, { disputeId, bond: appealBond }), (r) => [
        `appealed ${disputeId} (bond ${formatAmount(appealBond)} QUIV) in ${r.hash}`,
      ]);
    });

  dispute
    .command("claim-reward")
    .description("claim your voter reward of a finalized dispute (validators that voted with the outcome)")
    .argument("<disputeId>")
    .action(async (id: string) => {
      const disputeId = disputeIdArg(id);
      await disputeTx(
        `claim voter reward of ${disputeId}`,
        (d) => buildClaimVoterReward(d, disputeId),
        "claimVoterReward",
        { disputeId },
        (h) => `claimed the voter reward of ${disputeId} in ${h}`,
      );
    });

  dispute
    .command("penalize")
    .description("penalize a validator that committed and did not reveal (or, --non-commit, did not commit)")
    .argument("<disputeId>")
    .argument("<validator>", "validator address")
    .option("--non-commit", "a committee member that did not commit (after the commit window)")
    .action(async (id: string, who: string, opts: { nonCommit?: boolean }) => {
      const disputeId = disputeIdArg(id);
      const v = parseAddress(who, "validator");
      const kind = opts.nonCommit ? "nonCommit" : "nonReveal";
      await disputeTx(
        `penalize ${v} on ${disputeId}`,
        (d) => buildPenalize(d, kind, disputeId, v),
        kind === "nonCommit" ? "penalizeNonCommit" : "penalizeNonReveal",
        { disputeId, validator: v },
        (h) => `penalized ${v} (${kind === "nonCommit" ? "no commit" : "no reveal"}) on ${disputeId} in ${h}`,
      );
    });

  dispute
    .command("fund")
    .description("add QUIV to the validators' reward pool (approves the exact amount after a pre-flight)")
    .argument("<amount>", "amount in QUIV, or wei with --wei")
    .option("--wei", "the amount is in wei")
    .action(async (amount: string, opts: AmountOpts) => {
      const c = ctx();
      const value = amountArg(amount, opts);
      const signer = await c.signer();
      const { addresses } = await marketFor(c, false);
      const from = await signer.getAddress();
      const receipt = await sendWithProgress(c, `fund the reward pool with ${formatAmount(value)} QUIV`, (o) =>
        sendWithAllowance(signer, addresses.quiv, value, buildFundRewardPool(addresses.disputes, value), o),
      );
      c.print(txJson("fundRewardPool", from, receipt, { amount: value }), (r) => [
        `funded the reward pool with ${formatAmount(value)} QUIV in ${r.hash}`,
      ]);
    });

  const validator = dispute.command("validator").description("validator registration");
  validator
    .command("register")
    .description("stake as a validator (approves first when needed; default: the minimum stake)")
    .argument("[amount]", "stake in QUIV (or wei with --wei)")
    .option("--wei", "the amount is in wei")
    .action(async (amount: string | undefined, opts: AmountOpts) => {
      const c = ctx();
      const given = amount === undefined ? undefined : amountArg(amount, opts);
      const signer = await c.signer();
      const { q, addresses } = await marketFor(c, false);
      const value = given ?? (await q.registry.get(parameterKey("quiver.dispute.validatorMinStake")));
      const from = await signer.getAddress();
      const receipt = await sendWithProgress(c, `register validator`, (o) =>
        registerValidator(signer, addresses.disputes, addresses.quiv, value, o),
      );
      c.print(txJson("stakeAsValidator", from, receipt, { amount: value }), (r) => [
        `staked ${formatAmount(value)} QUIV as a validator in ${r.hash}`,
      ]);
    });
  // The validator's argument-less sends: command, description, progress label, request, --json action, text.
  const validatorSends: readonly [
    string,
    string,
    string,
    (d: string) => WriteRequest<DisputeManager>,
    string,
    (h: string) => string,
  ][] = [
    [
      "exit",
      "leave the validator set; the stake unlocks after the exit delay (`dispute validator withdraw`)",
      "request validator exit",
      buildRequestValidatorExit,
      "requestValidatorExit",
      (h) => `requested the validator exit in ${h} (withdraw after the exit delay)`,
    ],
    [
      "withdraw",
      "take the validator stake back after the exit delay",
      "withdraw validator stake",
      buildWithdrawValidatorStake,
      "withdrawValidatorStake",
      (h) => `withdrew the validator stake in ${h}`,
    ],
  ];
  for (const [name, description, label, request, action, text] of validatorSends) {
    validator
      .command(name)
      .description(description)
      .action(() => disputeTx(label, request, action, {}, text));
  }
  validator
    .command("show")
    .description("a validator's stake and status (default: the signer)")
    .argument("[address]")
    .action(async (address?: string) => {
      const c = ctx();
      const who = address ? parseAddress(address, "validator") : (await c.wallet()).address;
      const { q } = await marketFor(c, false);
      c.print(await readValidator(q.disputes, who), (r) => [
        `validator ${r.address}: ${r.active ? "active" : "inactive"}, stake ${formatAmount(r.stake)} QUIV`,
      ]);
    });
}
