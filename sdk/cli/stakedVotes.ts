/**
 * `delegate-votes [delegatee] [--sign-only]` and `delegate-votes-submit <delegation>` for a staking contract of the
 * kit's staking core (an OpenZeppelin Votes contract: staked votes with their own EIP-712 domain and nonces). QUIVer
 * (`kit stake …`), CAESAR (`kit caesar agent …`) and BPCI (`kit bpci miner …`) add them to their staking group.
 */
import type { Command } from "commander";
import { buildDelegate, buildDelegateBySig, send, signDelegation } from "../kit/tx";
import type { CliContext } from "./context";
import { accountArg, durationArg, formatTime, sendWithProgress, txJson } from "./helpers";
import { delegationArg } from "./commands/token";

/** The staking contract a group delegates the votes of. */
export interface StakedVotesTarget {
  /** The group's command path, for the hint the signed form prints (`"stake"`, `"caesar agent"`). */
  readonly group: string;
  /** What the votes are, for the help text (`"your staked QUIV"`). */
  readonly what: string;
  /** The staking contract's address in the CLI's address book. */
  readonly staking: (c: CliContext) => Promise<string>;
}

/** Adds `delegate-votes` and `delegate-votes-submit` to `cmd`. */
export function registerStakedVotesCommands(cmd: Command, ctx: () => CliContext, t: StakedVotesTarget): void {
  cmd
    .command("delegate-votes")
    .description(`delegate the votes of ${t.what} (default: to yourself, which activates them)`)
    .argument("[delegatee]", "address receiving the staked votes")
    .option(
      "--sign-only",
      "print a signed delegation (JSON, no gas) for someone else to submit (delegate-votes-submit)",
    )
    .option("--expiry <duration>", "with --sign-only: valid for this long from the chain's time", "1h")
    .action(async (delegatee: string | undefined, opts: { signOnly?: boolean; expiry: string }) => {
      const c = ctx();
      const to = await accountArg(c, delegatee, "delegatee");
      const staking = await t.staking(c);
      const signer = await c.signer();
      const from = await signer.getAddress();
      if (opts.signOnly) {
        const ttl = durationArg(opts.expiry, "expiry");
        const block = await (await c.provider()).getBlock("latest");
        const now = BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000));
        // The staking contract is an OZ Votes contract: the same EIP-712 Delegation, under its own domain and nonces.
        const d = await signDelegation(signer, staking, { delegatee: to, expiry: now + ttl });
        c.print({ action: "stakedDelegationSigned", staking, owner: from, ...d }, (r) => [
          JSON.stringify({ ...r, nonce: String(r.nonce), expiry: String(r.expiry) }),
          `(submit with \`kit ${t.group} delegate-votes-submit '<json>'\`; valid until ${formatTime(r.expiry, now)})`,
        ]);
        return;
      }
      const receipt = await sendWithProgress(c, `delegate staked votes to ${to}`, (o) =>
        send(signer, buildDelegate(staking, to), o),
      );
      c.print(txJson("delegate", from, receipt, { delegatee: to }), (r) => [
        `delegated your staked votes to ${to} in ${r.hash}`,
      ]);
    });

  cmd
    .command("delegate-votes-submit")
    .description(
      `submit a staked-votes delegation someone signed (\`${t.group} delegate-votes --sign-only\`); you pay the gas`,
    )
    .argument("<delegation>", "the delegation JSON, or @file holding it")
    .action(async (value: string) => {
      const c = ctx();
      const d = delegationArg(value);
      const staking = await t.staking(c);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const receipt = await sendWithProgress(c, `submit staked-votes delegation to ${d.delegatee}`, (o) =>
        send(signer, buildDelegateBySig(staking, d), o),
      );
      c.print(
        txJson("delegateBySig", from, receipt, { delegatee: d.delegatee, nonce: d.nonce, expiry: d.expiry }),
        (r) => [`submitted the signed staked-votes delegation to ${d.delegatee} in ${r.hash}`],
      );
    });
}
