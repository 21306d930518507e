import type { Command } from "commander";
import { send, sendWithAllowance, type WriteRequest } from "../../kit/tx";
import { InvalidArgumentError, formatAmount, parseAddress } from "../../kit/core";
import {
  readPool,
  readSlashCase,
  readStakePosition,
  readStakingTotals,
  readTier,
  readUnbondings,
  buildAppealSlash,
  buildApplyCommission,
  buildClaimRewards,
  buildFinalizeSlash,
  buildSyncVotes,
  buildDelegateStake,
  buildRegisterProvider,
  buildSetCommission,
  buildStake,
  buildUnbond,
  buildWithdrawUnbonding,
  type ProviderStaking,
} from "..";
import type { CliContext } from "../../cli/context";
import { accountArg, amountArg, uintArg, sendWithProgress, txJson } from "../../cli/helpers";
import { quiverContracts } from "./shared";
import { registerStakedVotesCommands } from "../../cli/stakedVotes";

interface AmountOpts {
  wei?: boolean;
}

function bpsArg(value: string): bigint {
  const v = uintArg(value, "commission");
  if (v > 10_000n) throw new InvalidArgumentError(`commission must be at most 10000 bps, not ${v}`);
  return v;
}

/** One staking command: its arguments parsed into the request to send, the progress label and the result line. */
interface StakeAction {
  readonly request: (staking: string) => WriteRequest<ProviderStaking>;
  readonly label: string;
  readonly extra: Record<string, unknown>;
  readonly text: (hash: string) => string;
  /** Amount the staking contract pulls: approved exactly (after a pre-flight) when the allowance is short. */
  readonly approve?: bigint;
}

/** `kit stake …`: provider registration, staking, delegation, unbonding, rewards and tiers. */
export function registerStake(program: Command, ctx: () => CliContext): void {
  const cmd = program.command("stake").description("provider staking: register, stake, delegate, unbond, rewards");

  /** Approves what the action needs, sends its request from the signer and prints the result. */
  const act = async (a: StakeAction) => {
    const c = ctx();
    const q = await quiverContracts(c, false);
    const signer = await c.signer();
    const from = await signer.getAddress();
    const staking = await q.staking.getAddress();
    const amount = a.approve;
    const request = a.request(staking);
    const quiv = await q.quiv.getAddress();
    // With an amount to pull: pre-flight as if approved, approve exactly, and no approval left if the action fails.
    const receipt = await sendWithProgress(c, a.label, (o) =>
      amount === undefined ? send(signer, request, o) : sendWithAllowance(signer, quiv, amount, request, o),
    );
    c.print(txJson(request.functionName, from, receipt, a.extra), (r) => [a.text(r.hash)]);
  };

  cmd
    .command("register")
    .description("register as a provider with a commission on your pool's rewards")
    .argument("<commission-bps>", "commission in bps (1000 = 10%)")
    .action(async (commission: string) => {
      const bps = bpsArg(commission);
      await act({
        request: (st) => buildRegisterProvider(st, bps),
        label: "register provider",
        extra: { commissionBps: bps },
        text: (h) => `registered with ${bps} bps commission in ${h}`,
      });
    });

  cmd
    .command("stake")
    .description("self-stake into your own pool (approves the exact amount after a pre-flight; none left on failure)")
    .argument("<amount>", "amount in QUIV, or wei with --wei")
    .option("--wei", "the amount is in wei")
    .action(async (amount: string, opts: AmountOpts) => {
      const value = amountArg(amount, opts);
      await act({
        request: (st) => buildStake(st, value),
        label: `stake ${formatAmount(value)} QUIV`,
        extra: { amount: value },
        text: (h) => `staked ${formatAmount(value)} QUIV in ${h}`,
        approve: value,
      });
    });

  // The two actions on a provider's pool with an amount: delegating (approves first) and unbonding.
  const poolActions = [
    {
      name: "delegate",
      description: "delegate stake to a provider's pool (approves the exact amount first if needed)",
      provider: "provider address",
      build: buildDelegateStake,
      label: (v: string, p: string) => `delegate ${v} QUIV to ${p}`,
      text: (v: string, p: string) => `delegated ${v} QUIV to ${p}`,
      approves: true,
    },
    {
      name: "unbond",
      description: "start unbonding stake from a pool (withdraw after the unbonding period)",
      provider: "provider address (your own to unbond self stake)",
      build: buildUnbond,
      label: (v: string, p: string) => `unbond ${v} QUIV from ${p}`,
      text: (v: string, p: string) => `unbonding ${v} QUIV from ${p} (see \`stake show\`)`,
      approves: false,
    },
  ] as const;
  for (const a of poolActions) {
    cmd
      .command(a.name)
      .description(a.description)
      .argument("<provider>", a.provider)
      .argument("<amount>", "amount in QUIV, or wei with --wei")
      .option("--wei", "the amount is in wei")
      .action(async (provider: string, amount: string, opts: AmountOpts) => {
        const p = parseAddress(provider, "provider");
        const value = amountArg(amount, opts);
        const shown = formatAmount(value);
        await act({
          request: (st) => a.build(st, p, value),
          label: a.label(shown, p),
          extra: { provider: p, amount: value },
          text: (h) => `${a.text(shown, p)} in ${h}`,
          approve: a.approves ? value : undefined,
        });
      });
  }

  cmd
    .command("withdraw")
    .description("withdraw an unlocked unbonding (index from `stake show`)")
    .argument("<index>", "unbonding index")
    .action(async (index: string) => {
      const i = uintArg(index, "index");
      const text = (h: string) => `withdrew unbonding ${i} in ${h}`;
      await act({
        request: (st) => buildWithdrawUnbonding(st, i),
        label: `withdraw unbonding ${i}`,
        extra: { index: i },
        text,
      });
    });

  cmd
    .command("claim")
    .description("claim your rewards in a pool (commission included for its provider)")
    .argument("<provider>", "provider address")
    .action(async (provider: string) => {
      const c = ctx();
      const p = parseAddress(provider, "provider");
      const q = await quiverContracts(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const staking = await q.staking.getAddress();
      const receipt = await sendWithProgress(c, `claim rewards from ${p}`, (o) =>
        send(signer, buildClaimRewards(staking, p), o),
      );
      // The amount paid, from the RewardsClaimed event of this transaction.
      const amount = receipt.logs
        .map((l) => (l.address === staking ? q.staking.interface.parseLog(l) : null))
        .filter((e) => e?.name === "RewardsClaimed")
        .reduce((sum, e) => sum + (e!.args.amount as bigint), 0n);
      c.print(txJson("claimRewards", from, receipt, { provider: p, amount }), (r) => [
        `claimed ${formatAmount(r.amount)} QUIV of rewards in ${r.hash}`,
      ]);
    });

  cmd
    .command("commission")
    .description("set your commission (a decrease applies now, an increase after the commission delay)")
    .argument("<bps>", "commission in bps")
    .action(async (commission: string) => {
      const bps = bpsArg(commission);
      await act({
        request: (st) => buildSetCommission(st, bps),
        label: `set commission ${bps} bps`,
        extra: { commissionBps: bps },
        text: (h) => `commission set to ${bps} bps (an increase is scheduled) in ${h}`,
      });
    });

  cmd
    .command("appeal")
    .description("appeal a pending slash against you to governance")
    .argument("<case-id>", "slash case id")
    .action(async (caseId: string) => {
      const id = uintArg(caseId, "case id");
      const text = (h: string) => `appealed slash case ${id} in ${h}`;
      await act({
        request: (st) => buildAppealSlash(st, id),
        label: `appeal slash ${id}`,
        extra: { caseId: id },
        text,
      });
    });

  cmd
    .command("finalize-slash")
    .description("execute a slash case after its appeal window (anyone): the pool is frozen until someone does")
    .argument("<case-id>", "slash case id (see `stake show --case <id>`)")
    .action(async (caseId: string) => {
      const id = uintArg(caseId, "case id");
      await act({
        request: (st) => buildFinalizeSlash(st, id),
        label: `finalize slash ${id}`,
        extra: { caseId: id },
        text: (h) => `finalized slash case ${id} in ${h}`,
      });
    });

  cmd
    .command("apply-commission")
    .description("apply a provider's scheduled commission increase once its delay has passed (anyone)")
    .argument("[provider]", "provider address (default: the signer)")
    .action(async (provider?: string) => {
      const p = await accountArg(ctx(), provider, "provider");
      await act({
        request: (st) => buildApplyCommission(st, p),
        label: `apply commission of ${p}`,
        extra: { provider: p },
        text: (h) => `applied the scheduled commission of ${p} in ${h}`,
      });
    });

  registerStakedVotesCommands(cmd, ctx, {
    group: "stake",
    what: "your staked QUIV",
    staking: async (c) => (await quiverContracts(c, false)).staking.getAddress(),
  });

  cmd
    .command("sync-votes")
    .description("re-value a position's staked votes at its pool's current rate after a slash (anyone)")
    .argument("<provider>", "provider address (the pool)")
    .argument("[account]", "staker (default: the signer)")
    .action(async (provider: string, account?: string) => {
      const p = parseAddress(provider, "provider");
      const a = await accountArg(ctx(), account, "account");
      await act({
        request: (st) => buildSyncVotes(st, p, a),
        label: `sync staked votes of ${a} in ${p}`,
        extra: { provider: p, account: a },
        text: (h) => `synced the staked votes of ${a} in ${p}'s pool in ${h}`,
      });
    });

  cmd
    .command("tier")
    .description("the effective tier of a provider (0 = none, 1..4)")
    .argument("[provider]", "provider address (default: the signer)")
    .action(async (provider?: string) => {
      const c = ctx();
      const p = await accountArg(c, provider, "provider");
      const { staking } = await quiverContracts(c, false);
      const tier = await readTier(staking, p);
      c.print({ provider: p, tier }, (r) => [`tier ${r.tier}`]);
    });

  cmd
    .command("rewards")
    .description("rewards an account can claim now from a pool")
    .argument("<provider>", "provider address")
    .argument("[account]", "staker (default: the signer)")
    .action(async (provider: string, account?: string) => {
      const c = ctx();
      const p = parseAddress(provider, "provider");
      const a = await accountArg(c, account, "account");
      const { staking } = await quiverContracts(c, false);
      const pos = await readStakePosition(staking, p, a);
      c.print(pos, (r) => [
        `${formatAmount(r.pendingRewards)} QUIV claimable (stake ${formatAmount(r.stake)} QUIV in ${r.provider}'s pool)`,
      ]);
    });

  cmd
    .command("show")
    .description("an address's pool (if a provider), its own stake there, its unbondings, and staking totals")
    .argument("[address]", "address (default: the signer)")
    .option("--provider <address>", "also show the address's position in this pool")
    .option("--case <id>", "also show a slash case")
    .action(async (address: string | undefined, opts: { provider?: string; case?: string }) => {
      const c = ctx();
      const a = await accountArg(c, address, "address");
      const p = opts.provider ? parseAddress(opts.provider, "provider") : a;
      const caseId = opts.case === undefined ? undefined : uintArg(opts.case, "case id");
      const { staking } = await quiverContracts(c, false);
      const [pool, position, unbondings, totals, slashCase] = await Promise.all([
        readPool(staking, a),
        readStakePosition(staking, p, a),
        readUnbondings(staking, a),
        readStakingTotals(staking),
        caseId === undefined ? Promise.resolve(null) : readSlashCase(staking, caseId),
      ]);
      c.print({ address: a, pool, position, unbondings, totals, slashCase }, (r) => [
        r.pool.registered
          ? `provider ${r.address}: tier ${r.pool.tier}, bonded ${formatAmount(r.pool.bondedTokens)} QUIV, commission ${r.pool.commissionBps} bps, reputation ${r.pool.reputation}, open cases ${r.pool.openCases}`
          : `${r.address} is not a provider`,
        `stake in ${r.position.provider}'s pool: ${formatAmount(r.position.stake)} QUIV, rewards ${formatAmount(r.position.pendingRewards)} QUIV`,
        ...r.unbondings.map(
          (u) =>
            `unbonding #${u.index}: ${formatAmount(u.value)} QUIV from ${u.provider}, started ${new Date(Number(u.createdAt) * 1000).toISOString()}, unlocks ${new Date(Number(u.unlockAt) * 1000).toISOString()}`,
        ),
        `staking totals: bonded ${formatAmount(r.totals.bonded)}, unbonding ${formatAmount(r.totals.unbonding)}, rewards owed ${formatAmount(r.totals.rewardsOwed)} QUIV`,
        ...(r.slashCase
          ? [
              `slash case ${r.slashCase.id}: ${r.slashCase.stateName}, provider ${r.slashCase.provider}, amount ${formatAmount(r.slashCase.amount)} QUIV`,
            ]
          : []),
      ]);
    });
}
