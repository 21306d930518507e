/**
 * `kit token --token <key> …` on every ERC-20 of the CAESAR and BPCI address books (CAESAR, wCAESAR; GEN, FLX, wFLX,
 * NEX): amounts in each token's own decimals, approvals and transfer-from by the exact amount, a permit signed by one
 * account and relayed by a second, a signed ERC-5805 delegation relayed, and clear errors (exit 2, one JSON document)
 * for a token without permit or votes, an unknown key and a contract that is no ERC-20.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { EXIT_USAGE } from "../../sdk/cli/main";
import { deployCaesarPreset, CAESAR, HOLDER_GENESIS } from "../caesar/sdk/fixture";
import { deployBpciPreset } from "../bpci/fixtures/preset";
import { addressBookFile, devKey, kitRunner } from "../helpers/kitCli";

const KEY2 = devKey(2);
const KEY3 = devKey(3);
const SHARE = 10n ** 21n; // one wCAESAR / wFLX share: 18 + 3 decimals

let bookFile = "";
const { kit, ok, fails } = kitRunner({ book: () => bookFile });

async function caesarFixture() {
  const f = await deployCaesarPreset();
  const book = addressBookFile(f.book.contracts, "kit-tokens-caesar-");
  // the holder wraps 1,000 CAESAR: its wCAESAR shares carry votes
  await f.caesar.connect(f.holder).approve(await f.wrapper.getAddress(), 1_000n * CAESAR);
  await f.wrapper.connect(f.holder).deposit(1_000n * CAESAR, f.holder.address);
  return { ...f, cli: book };
}

async function bpciFixture() {
  const f = await deployBpciPreset();
  return { ...f, cli: addressBookFile(f.book.contracts, "kit-tokens-bpci-") };
}

describe("kit token --token <key>: any ERC-20 of the economy (CAESAR and BPCI presets)", () => {
  describe("CAESAR", () => {
    let f: Awaited<ReturnType<typeof caesarFixture>>;
    beforeEach(async () => {
      f = await loadFixture(caesarFixture);
      bookFile = f.cli.file;
    });
    after(() => f?.cli.remove());

    it("the main token by default: info without cap counters, approve, allowance and transfer-from by the quote", async () => {
      const info = await ok(["token", "info"]);
      expect(info).to.include({ key: "caesar", symbol: "CAESAR", decimals: 18 });
      expect(info).to.not.have.property("cap");
      const holder = f.holder.address;
      const spender = f.second.address;
      const a = await ok(["token", "approve", spender, "100"], KEY2);
      expect(a).to.include({ action: "approve", token: "caesar", spender, amount: `${100n * CAESAR}` });
      expect(await ok(["token", "allowance", spender, holder])).to.deep.equal({
        owner: holder,
        spender,
        allowance: `${100n * CAESAR}`,
      });
      const q = await f.caesar.quoteTransfer(holder, spender, 40n * CAESAR);
      const t = await ok(["token", "transfer-from", holder, spender, "40"], KEY3);
      expect(t).to.include({ action: "transferFrom", from: spender, owner: holder, amount: `${40n * CAESAR}` });
      expect(await f.caesar.allowance(holder, spender)).to.equal(60n * CAESAR);
      expect(await f.caesar.balanceOf(spender)).to.equal(5_000_000n * CAESAR + q.net);
      expect(await f.caesar.balanceOf(holder)).to.equal(HOLDER_GENESIS - 1_000n * CAESAR - 40n * CAESAR);
      const text = await kit(["token", "allowance", spender, holder]);
      expect(text.stdout.trim()).to.equal(`${spender} may take 60 CAESAR from ${holder}`);
    });

    it("wCAESAR (by key or symbol): 21 decimals, a permit signed by the holder and relayed by a second account", async () => {
      const holder = f.holder.address;
      const relayer = f.second.address;
      const shares = await f.wrapper.balanceOf(holder);
      expect(shares).to.be.greaterThan(2n * SHARE);
      const info = await ok(["token", "--token", "wCAESAR", "info"]);
      expect(info).to.include({ key: "wrapper", symbol: "wCAESAR", decimals: 21 });
      const signed = await ok(["token", "permit", relayer, "1.5", "--token", "wrapper", "--sign-only"], KEY2);
      expect(signed).to.include({ action: "permitSigned", token: await f.wrapper.getAddress(), owner: holder });
      expect(signed.value).to.equal(`${(3n * SHARE) / 2n}`);
      expect(await f.wrapper.allowance(holder, relayer)).to.equal(0n); // signing sends nothing
      // the relayer submits it (the permit names its token: no --token needed) and pays the gas
      const ethBefore = await ethers.provider.getBalance(holder);
      const sub = await ok(["token", "permit-submit", JSON.stringify(signed)], KEY3);
      expect(sub).to.include({ action: "permit", from: relayer, token: "wrapper", owner: holder, spender: relayer });
      expect(await ethers.provider.getBalance(holder)).to.equal(ethBefore);
      expect(await f.wrapper.allowance(holder, relayer)).to.equal((3n * SHARE) / 2n);
      expect(await f.wrapper.nonces(holder)).to.equal(1n);
      const moved = await ok(["token", "--token", "wrapper", "transfer-from", holder, relayer, "1.5"], KEY3);
      expect(moved.amount).to.equal(`${(3n * SHARE) / 2n}`);
      expect(await f.wrapper.balanceOf(relayer)).to.equal((3n * SHARE) / 2n);
      expect(await f.wrapper.balanceOf(holder)).to.equal(shares - (3n * SHARE) / 2n);
      expect(await f.wrapper.allowance(holder, relayer)).to.equal(0n);
      const text = await kit(["token", "--token", "wcaesar", "balance", relayer]);
      expect(text.stdout.trim()).to.equal("1.5 wCAESAR");
      // a permit replayed, or submitted for another token, fails without sending
      await fails(["token", "permit-submit", JSON.stringify(signed)], KEY3);
      const other = await fails(["token", "--token", "caesar", "permit-submit", JSON.stringify(signed)], KEY3, 2);
      expect(other.message).to.contain("is signed for the token at").and.contain("not CAESAR (caesar)");
    });

    it("a wCAESAR delegation signed by the holder is relayed with delegate-by-sig; CAESAR itself has no votes", async () => {
      const holder = f.holder.address;
      const d = await ok(["token", "--token", "wrapper", "delegate", f.second.address, "--sign-only"], KEY2);
      expect(d).to.include({ action: "delegationSigned", owner: holder, delegatee: f.second.address });
      const r = await ok(["token", "delegate-by-sig", JSON.stringify(d)], KEY3);
      expect(r).to.include({ action: "delegateBySig", from: f.second.address, token: "wrapper" });
      expect(await f.wrapper.delegates(holder)).to.equal(f.second.address);
      expect(await f.wrapper.getVotes(f.second.address)).to.equal(await f.wrapper.balanceOf(holder));
      const votes = await ok(["token", "--token", "wrapper", "votes", f.second.address]);
      expect(votes.votes).to.equal(`${await f.wrapper.balanceOf(holder)}`);
      const none = await fails(["token", "delegate", "--sign-only"], KEY2, EXIT_USAGE);
      expect(none.message).to.contain("CAESAR (caesar of caesar").and.contain("has no ERC-5805 votes");
    });

    it("an unknown key and a contract that is no ERC-20 are bad input naming the economy's tokens", async () => {
      const unknown = await fails(["token", "--token", "gen", "balance", f.holder.address], undefined, EXIT_USAGE);
      expect(unknown.message).to.equal('unknown token "gen" of caesar; its tokens: caesar (CAESAR), wrapper (wCAESAR)');
      const feed = await fails(["token", "--token", "distributor", "info"], undefined, EXIT_USAGE);
      expect(feed.message).to.contain("distributor (Caesar#CaesarFeeDistributor) of caesar is not an ERC-20 token");
    });

    it("a token without EIP-2612 (a plain ERC-20 in the book): permit is refused before signing, exit 2", async () => {
      const plain = await ethers.deployContract("RefERC20");
      const swapped = addressBookFile({ ...f.book.contracts, "Kit#StaticVotesWrapper": await plain.getAddress() });
      try {
        bookFile = swapped.file;
        const e = await fails(["token", "--token", "wrapper", "permit", f.second.address, "1"], KEY2, EXIT_USAGE);
        expect(e.name).to.equal("InvalidArgumentError");
        expect(e.message).to.contain("REF (wrapper of caesar").and.contain("has no EIP-2612 permit");
        const text = await kit(["token", "--token", "wrapper", "permit", f.second.address, "1"], KEY2);
        expect(text.code).to.equal(EXIT_USAGE);
        expect(text.stdout).to.equal("");
        expect(text.stderr).to.contain("use `kit token approve` instead");
      } finally {
        swapped.remove();
      }
    });
  });

  describe("BPCI", () => {
    let f: Awaited<ReturnType<typeof bpciFixture>>;
    beforeEach(async () => {
      f = await loadFixture(bpciFixture);
      bookFile = f.cli.file;
    });
    after(() => f?.cli.remove());

    it("the main token is NEX; GEN approve, transfer-from and a relayed permit move the exact amounts", async () => {
      expect((await ok(["token", "info"])).symbol).to.equal("NEX");
      const alice = f.alice.address;
      const bob = f.bob.address;
      const carol = f.signers[5].address;
      const gen0 = await f.gen.balanceOf(alice);
      await ok(["token", "--token", "gen", "approve", bob, "30"], KEY2);
      await ok(["token", "--token", "gen", "transfer-from", alice, carol, "12.25"], KEY3);
      expect(await f.gen.balanceOf(carol)).to.equal(1225n * 10n ** 16n);
      expect(await f.gen.allowance(alice, bob)).to.equal(1775n * 10n ** 16n);
      const signed = await ok(["token", "--token", "gen", "permit", bob, "5", "--sign-only"], KEY2);
      await ok(["token", "permit-submit", JSON.stringify(signed)], KEY3);
      expect(await f.gen.allowance(alice, bob)).to.equal(5n * 10n ** 18n); // a permit sets, it does not add
      await ok(["token", "--token", "GEN", "transfer-from", alice, carol, "5"], KEY3);
      expect(await f.gen.balanceOf(carol)).to.equal(1725n * 10n ** 16n);
      expect(await f.gen.balanceOf(alice)).to.equal(gen0 - 1725n * 10n ** 16n);
      expect(await f.gen.allowance(alice, bob)).to.equal(0n);
    });

    it("a GEN delegation relayed by bob; FLX permit works but FLX has no votes; wFLX amounts have 21 decimals", async () => {
      const alice = f.alice.address;
      const d = await ok(["token", "--token", "gen", "delegate", f.bob.address, "--sign-only"], KEY2);
      await ok(["token", "--token", "gen", "delegate-submit", JSON.stringify(d)], KEY3);
      expect(await f.gen.delegates(alice)).to.equal(f.bob.address);
      expect(await f.gen.getVotes(f.bob.address)).to.equal(await f.gen.balanceOf(alice));
      const p = await ok(["token", "--token", "flx", "permit", f.bob.address, "7", "--sign-only"], KEY2);
      await ok(["token", "--token", "flx", "permit-submit", JSON.stringify(p)], KEY3);
      expect(await f.flx.allowance(alice, f.bob.address)).to.equal(7n * 10n ** 18n);
      const e = await fails(["token", "--token", "flx", "votes", alice], undefined, EXIT_USAGE);
      expect(e.message).to.contain("FLX (flx of bpci").and.contain("has no ERC-5805 votes");
      const w = await ok(["token", "--token", "wflx", "approve", f.bob.address, "0.001"], KEY2);
      expect(w.amount).to.equal(`${SHARE / 1000n}`);
      expect(await f.wflx.allowance(alice, f.bob.address)).to.equal(SHARE / 1000n);
      const tooFine = await fails(
        ["token", "--token", "gen", "approve", f.bob.address, `0.${"1".repeat(19)}`],
        KEY2,
        2,
      );
      expect(tooFine.message).to.contain("has more than 18 decimals");
    });
  });
});
