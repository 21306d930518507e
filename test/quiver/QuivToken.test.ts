import { expect } from "chai";
import { ethers, network } from "hardhat";
import type { Interface } from "ethers";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployFoundation, GENESIS, QUIV } from "./fixtures/foundation";
import { SECP256K1_N, signDelegation, signPermit } from "../helpers/signatures";

const CAP = 1_000_000_000n * QUIV;
const GENESIS_TOTAL = GENESIS.treasury + GENESIS.ecosystem + GENESIS.team;

/** Foundation plus a minter holding MINTER_ROLE (granted by the admin, as the timelock will). */
async function withMinter() {
  const f = await deployFoundation();
  await f.quiv.connect(f.deployer).grantRole(await f.quiv.MINTER_ROLE(), f.minter.address);
  return f;
}

describe("QuivToken", () => {
  describe("deployment", () => {
    it("has the QUIV metadata, 18 decimals and a 1e9 QUIV cap", async () => {
      const { quiv } = await loadFixture(deployFoundation);
      expect(await quiv.name()).to.equal("QUIV");
      expect(await quiv.symbol()).to.equal("QUIV");
      expect(await quiv.decimals()).to.equal(18n);
      expect(await quiv.cap()).to.equal(CAP);
    });

    it("mints the genesis allocation to its recipients and counts it as minted", async () => {
      const { quiv, treasury, ecosystem, team } = await loadFixture(deployFoundation);
      expect(await quiv.balanceOf(treasury.address)).to.equal(GENESIS.treasury);
      expect(await quiv.balanceOf(ecosystem.address)).to.equal(GENESIS.ecosystem);
      expect(await quiv.balanceOf(team.address)).to.equal(GENESIS.team);
      expect(await quiv.totalSupply()).to.equal(GENESIS_TOTAL);
      expect(await quiv.totalMinted()).to.equal(GENESIS_TOTAL);
      expect(await quiv.totalBurned()).to.equal(0n);
    });

    it("emits GenesisAllocated once per recipient", async () => {
      const { quiv, treasury, ecosystem, team } = await loadFixture(deployFoundation);
      const events = await quiv.queryFilter(quiv.filters.GenesisAllocated());
      expect(events.map((e) => [e.args.recipient, e.args.amount])).to.deep.equal([
        [treasury.address, GENESIS.treasury],
        [ecosystem.address, GENESIS.ecosystem],
        [team.address, GENESIS.team],
      ]);
    });

    it("gives the deployer only DEFAULT_ADMIN_ROLE and nobody MINTER_ROLE", async () => {
      const { quiv, deployer } = await loadFixture(deployFoundation);
      expect(await quiv.hasRole(await quiv.DEFAULT_ADMIN_ROLE(), deployer.address)).to.equal(true);
      expect(await quiv.hasRole(await quiv.MINTER_ROLE(), deployer.address)).to.equal(false);
    });

    describe("when the constructor input is bad", () => {
      it("rejects a zero admin", async () => {
        const F = await ethers.getContractFactory("QuivToken");
        await expect(F.deploy(ethers.ZeroAddress, [], [])).to.be.revertedWithCustomError(F, "QuivZeroAdmin");
      });
      it("rejects mismatched genesis arrays", async () => {
        const [a] = await ethers.getSigners();
        const F = await ethers.getContractFactory("QuivToken");
        await expect(F.deploy(a.address, [a.address], []))
          .to.be.revertedWithCustomError(F, "QuivGenesisLengthMismatch")
          .withArgs(1, 0);
      });
      it("rejects a zero genesis amount", async () => {
        const [a] = await ethers.getSigners();
        const F = await ethers.getContractFactory("QuivToken");
        await expect(F.deploy(a.address, [a.address], [0n])).to.be.revertedWithCustomError(F, "QuivZeroAmount");
      });
      it("rejects a zero genesis recipient", async () => {
        const [a] = await ethers.getSigners();
        const F = await ethers.getContractFactory("QuivToken");
        await expect(F.deploy(a.address, [ethers.ZeroAddress], [1n]))
          .to.be.revertedWithCustomError(F, "ERC20InvalidReceiver")
          .withArgs(ethers.ZeroAddress);
      });
      it("rejects a genesis above the cap", async () => {
        const [a, b] = await ethers.getSigners();
        const F = await ethers.getContractFactory("QuivToken");
        await expect(F.deploy(a.address, [a.address, b.address], [CAP, 1n]))
          .to.be.revertedWithCustomError(F, "QuivCapExceeded")
          .withArgs(CAP, 1n, CAP);
      });
    });
  });

  describe("ERC-20", () => {
    it("transfers and emits Transfer", async () => {
      const { quiv, treasury, alice } = await loadFixture(deployFoundation);
      const tx = quiv.connect(treasury).transfer(alice.address, 5n * QUIV);
      await expect(tx)
        .to.emit(quiv, "Transfer")
        .withArgs(treasury.address, alice.address, 5n * QUIV);
      await expect(tx).to.changeTokenBalances(quiv, [treasury, alice], [-5n * QUIV, 5n * QUIV]);
    });

    it("treats a zero transfer and a self transfer as no-ops on balances", async () => {
      const { quiv, treasury, alice } = await loadFixture(deployFoundation);
      await expect(quiv.connect(alice).transfer(treasury.address, 0n)).to.changeTokenBalances(
        quiv,
        [alice, treasury],
        [0n, 0n],
      );
      await expect(quiv.connect(treasury).transfer(treasury.address, QUIV)).to.changeTokenBalance(quiv, treasury, 0n);
    });

    it("reverts a transfer above the balance with ERC20InsufficientBalance", async () => {
      const { quiv, treasury, alice } = await loadFixture(deployFoundation);
      await expect(quiv.connect(alice).transfer(treasury.address, 1n))
        .to.be.revertedWithCustomError(quiv, "ERC20InsufficientBalance")
        .withArgs(alice.address, 0n, 1n);
    });

    it("reverts a transfer to the zero address and keeps balanceOf(0) at zero", async () => {
      const { quiv, treasury } = await loadFixture(deployFoundation);
      await expect(quiv.connect(treasury).transfer(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(quiv, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
      expect(await quiv.balanceOf(ethers.ZeroAddress)).to.equal(0n);
    });

    it("approve overwrites the allowance and emits Approval", async () => {
      const { quiv, treasury, alice } = await loadFixture(deployFoundation);
      await expect(quiv.connect(treasury).approve(alice.address, 10n))
        .to.emit(quiv, "Approval")
        .withArgs(treasury.address, alice.address, 10n);
      await quiv.connect(treasury).approve(alice.address, 3n);
      expect(await quiv.allowance(treasury.address, alice.address)).to.equal(3n);
    });

    it("rejects approving the zero address", async () => {
      const { quiv, treasury } = await loadFixture(deployFoundation);
      await expect(quiv.connect(treasury).approve(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(quiv, "ERC20InvalidSpender")
        .withArgs(ethers.ZeroAddress);
    });

    it("transferFrom spends exactly the amount of a finite allowance", async () => {
      const { quiv, treasury, alice, bob } = await loadFixture(deployFoundation);
      await quiv.connect(treasury).approve(alice.address, 10n * QUIV);
      await expect(quiv.connect(alice).transferFrom(treasury.address, bob.address, 4n * QUIV)).to.changeTokenBalances(
        quiv,
        [treasury, bob],
        [-4n * QUIV, 4n * QUIV],
      );
      expect(await quiv.allowance(treasury.address, alice.address)).to.equal(6n * QUIV);
    });

    it("transferFrom leaves an infinite allowance untouched", async () => {
      const { quiv, treasury, alice, bob } = await loadFixture(deployFoundation);
      await quiv.connect(treasury).approve(alice.address, ethers.MaxUint256);
      await quiv.connect(alice).transferFrom(treasury.address, bob.address, QUIV);
      expect(await quiv.allowance(treasury.address, alice.address)).to.equal(ethers.MaxUint256);
    });

    it("transferFrom above the allowance reverts with ERC20InsufficientAllowance", async () => {
      const { quiv, treasury, alice, bob } = await loadFixture(deployFoundation);
      await quiv.connect(treasury).approve(alice.address, 5n);
      await expect(quiv.connect(alice).transferFrom(treasury.address, bob.address, 6n))
        .to.be.revertedWithCustomError(quiv, "ERC20InsufficientAllowance")
        .withArgs(alice.address, 5n, 6n);
    });

    it("transferFrom within allowance but above balance reverts with ERC20InsufficientBalance", async () => {
      const { quiv, alice, bob } = await loadFixture(deployFoundation);
      await quiv.connect(alice).approve(bob.address, 5n);
      await expect(quiv.connect(bob).transferFrom(alice.address, bob.address, 5n))
        .to.be.revertedWithCustomError(quiv, "ERC20InsufficientBalance")
        .withArgs(alice.address, 0n, 5n);
    });
  });

  describe("permit (EIP-2612)", () => {
    async function permitFixture() {
      const f = await deployFoundation();
      const deadline = BigInt(await time.latest()) + 3600n;
      return { ...f, deadline };
    }

    it("sets the allowance and increments the owner's nonce by exactly one", async () => {
      const { quiv, treasury, alice, deadline } = await loadFixture(permitFixture);
      const sig = await signPermit(quiv, treasury, {
        owner: treasury.address,
        spender: alice.address,
        value: 7n,
        nonce: 0n,
        deadline,
      });
      await expect(quiv.permit(treasury.address, alice.address, 7n, deadline, sig.v, sig.r, sig.s))
        .to.emit(quiv, "Approval")
        .withArgs(treasury.address, alice.address, 7n);
      expect(await quiv.allowance(treasury.address, alice.address)).to.equal(7n);
      expect(await quiv.nonces(treasury.address)).to.equal(1n);
      expect(await quiv.nonces(alice.address)).to.equal(0n);
    });

    it("accepts a deadline equal to the block timestamp", async () => {
      const { quiv, treasury, alice } = await loadFixture(permitFixture);
      const deadline = BigInt(await time.latest()) + 10n;
      const sig = await signPermit(quiv, treasury, {
        owner: treasury.address,
        spender: alice.address,
        value: 1n,
        nonce: 0n,
        deadline,
      });
      await time.setNextBlockTimestamp(deadline);
      await quiv.permit(treasury.address, alice.address, 1n, deadline, sig.v, sig.r, sig.s);
      expect(await quiv.allowance(treasury.address, alice.address)).to.equal(1n);
    });

    it("rejects an expired permit", async () => {
      const { quiv, treasury, alice } = await loadFixture(permitFixture);
      const deadline = BigInt(await time.latest()) - 1n;
      const sig = await signPermit(quiv, treasury, {
        owner: treasury.address,
        spender: alice.address,
        value: 1n,
        nonce: 0n,
        deadline,
      });
      await expect(quiv.permit(treasury.address, alice.address, 1n, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(quiv, "ERC2612ExpiredSignature")
        .withArgs(deadline);
    });

    it("rejects a replayed permit", async () => {
      const { quiv, treasury, alice, deadline } = await loadFixture(permitFixture);
      const p = { owner: treasury.address, spender: alice.address, value: 1n, nonce: 0n, deadline };
      const sig = await signPermit(quiv, treasury, p);
      await quiv.permit(p.owner, p.spender, p.value, deadline, sig.v, sig.r, sig.s);
      await expect(
        quiv.permit(p.owner, p.spender, p.value, deadline, sig.v, sig.r, sig.s),
      ).to.be.revertedWithCustomError(quiv, "ERC2612InvalidSigner");
    });

    it("rejects a permit signed by someone other than the owner", async () => {
      const { quiv, treasury, alice, bob, deadline } = await loadFixture(permitFixture);
      const sig = await signPermit(quiv, bob, {
        owner: treasury.address,
        spender: alice.address,
        value: 1n,
        nonce: 0n,
        deadline,
      });
      await expect(quiv.permit(treasury.address, alice.address, 1n, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(quiv, "ERC2612InvalidSigner")
        .withArgs(bob.address, treasury.address);
    });

    it("rejects a permit signed for another chain id", async () => {
      const { quiv, treasury, alice, deadline } = await loadFixture(permitFixture);
      const p = { owner: treasury.address, spender: alice.address, value: 1n, nonce: 0n, deadline };
      const sig = await signPermit(quiv, treasury, p, 1n);
      await expect(quiv.permit(p.owner, p.spender, 1n, deadline, sig.v, sig.r, sig.s)).to.be.revertedWithCustomError(
        quiv,
        "ERC2612InvalidSigner",
      );
    });

    it("rejects the malleable (high-s) twin of a valid signature", async () => {
      const { quiv, treasury, alice, deadline } = await loadFixture(permitFixture);
      const p = { owner: treasury.address, spender: alice.address, value: 1n, nonce: 0n, deadline };
      const sig = await signPermit(quiv, treasury, p);
      const highS = ethers.toBeHex(SECP256K1_N - BigInt(sig.s), 32);
      const flippedV = sig.v === 27 ? 28 : 27;
      await expect(quiv.permit(p.owner, p.spender, 1n, deadline, flippedV, sig.r, highS))
        .to.be.revertedWithCustomError(quiv, "ECDSAInvalidSignatureS")
        .withArgs(highS);
    });
  });

  describe("votes (ERC-5805, timestamp clock)", () => {
    it("uses the block timestamp as its clock", async () => {
      const { quiv } = await loadFixture(deployFoundation);
      expect(await quiv.CLOCK_MODE()).to.equal("mode=timestamp");
      await mine();
      expect(await quiv.clock()).to.equal(BigInt(await time.latest()));
    });

    it("gives no votes to an undelegated balance", async () => {
      const { quiv, treasury } = await loadFixture(deployFoundation);
      expect(await quiv.getVotes(treasury.address)).to.equal(0n);
    });

    it("self-delegation turns the balance into votes and emits the delegation events", async () => {
      const { quiv, treasury } = await loadFixture(deployFoundation);
      await expect(quiv.connect(treasury).delegate(treasury.address))
        .to.emit(quiv, "DelegateChanged")
        .withArgs(treasury.address, ethers.ZeroAddress, treasury.address)
        .and.to.emit(quiv, "DelegateVotesChanged")
        .withArgs(treasury.address, 0n, GENESIS.treasury);
      expect(await quiv.getVotes(treasury.address)).to.equal(GENESIS.treasury);
    });

    it("moves votes with transfers in all four delegation cases", async () => {
      const { quiv, treasury, alice, bob, carol } = await loadFixture(deployFoundation);
      await quiv.connect(treasury).transfer(alice.address, 100n);
      // neither side delegated
      await quiv.connect(alice).transfer(bob.address, 10n);
      expect(await quiv.getVotes(carol.address)).to.equal(0n);
      // sender delegated
      await quiv.connect(alice).delegate(carol.address);
      await quiv.connect(alice).transfer(bob.address, 10n);
      expect(await quiv.getVotes(carol.address)).to.equal(80n);
      // both delegated
      await quiv.connect(bob).delegate(bob.address);
      await quiv.connect(alice).transfer(bob.address, 30n);
      expect(await quiv.getVotes(carol.address)).to.equal(50n);
      expect(await quiv.getVotes(bob.address)).to.equal(50n);
      // receiver delegated only
      await quiv.connect(treasury).transfer(bob.address, 5n);
      expect(await quiv.getVotes(bob.address)).to.equal(55n);
    });

    it("records checkpoints readable through getPastVotes and getPastTotalSupply", async () => {
      const { quiv, treasury, alice } = await loadFixture(deployFoundation);
      await quiv.connect(treasury).delegate(treasury.address);
      const t1 = await time.latest();
      await time.increase(100);
      await quiv.connect(treasury).transfer(alice.address, QUIV);
      const t2 = await time.latest();
      await time.increase(100);
      await quiv.connect(treasury).burn(QUIV);
      await mine();
      expect(await quiv.getPastVotes(treasury.address, t1)).to.equal(GENESIS.treasury);
      expect(await quiv.getPastVotes(treasury.address, t2)).to.equal(GENESIS.treasury - QUIV);
      expect(await quiv.getPastTotalSupply(t2)).to.equal(GENESIS_TOTAL);
      expect(await quiv.getPastTotalSupply((await time.latest()) - 1)).to.equal(GENESIS_TOTAL - QUIV);
    });

    it("rejects past lookups at or after the current clock", async () => {
      const { quiv, treasury } = await loadFixture(deployFoundation);
      const now = await quiv.clock();
      await expect(quiv.getPastVotes(treasury.address, now))
        .to.be.revertedWithCustomError(quiv, "ERC5805FutureLookup")
        .withArgs(now, now);
      await expect(quiv.getPastTotalSupply(now + 1n))
        .to.be.revertedWithCustomError(quiv, "ERC5805FutureLookup")
        .withArgs(now + 1n, now);
    });

    it("writes at most one checkpoint per account per block", async () => {
      const { quiv, treasury, alice } = await loadFixture(deployFoundation);
      await quiv.connect(treasury).delegate(treasury.address);
      const before = await quiv.numCheckpoints(treasury.address);
      await network.provider.send("evm_setAutomine", [false]);
      try {
        await quiv.connect(treasury).transfer(alice.address, 1n);
        await quiv.connect(treasury).transfer(alice.address, 2n);
        await quiv.connect(treasury).transfer(alice.address, 3n);
        await mine();
      } finally {
        await network.provider.send("evm_setAutomine", [true]);
      }
      expect(await quiv.numCheckpoints(treasury.address)).to.equal(before + 1n);
      expect(await quiv.getVotes(treasury.address)).to.equal(GENESIS.treasury - 6n);
    });

    it("delegateBySig accepts a valid signature and rejects its replay and an expired one", async () => {
      const { quiv, treasury, alice } = await loadFixture(deployFoundation);
      const expiry = BigInt(await time.latest()) + 3600n;
      const sig = await signDelegation(quiv, treasury, { delegatee: alice.address, nonce: 0n, expiry });
      await expect(quiv.delegateBySig(alice.address, 0n, expiry, sig.v, sig.r, sig.s))
        .to.emit(quiv, "DelegateChanged")
        .withArgs(treasury.address, ethers.ZeroAddress, alice.address);
      expect(await quiv.getVotes(alice.address)).to.equal(GENESIS.treasury);
      await expect(quiv.delegateBySig(alice.address, 0n, expiry, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(quiv, "InvalidAccountNonce")
        .withArgs(treasury.address, 1n);

      const past = BigInt(await time.latest()) - 1n;
      const old = await signDelegation(quiv, treasury, { delegatee: alice.address, nonce: 1n, expiry: past });
      await expect(quiv.delegateBySig(alice.address, 1n, past, old.v, old.r, old.s))
        .to.be.revertedWithCustomError(quiv, "VotesExpiredSignature")
        .withArgs(past);
    });
  });

  describe("minting and the cap", () => {
    it("lets the minter mint, counting toward totalMinted, and emits Transfer from zero", async () => {
      const { quiv, minter, alice } = await loadFixture(withMinter);
      await expect(quiv.connect(minter).mint(alice.address, 10n * QUIV))
        .to.emit(quiv, "Transfer")
        .withArgs(ethers.ZeroAddress, alice.address, 10n * QUIV);
      expect(await quiv.totalMinted()).to.equal(GENESIS_TOTAL + 10n * QUIV);
    });

    it("mints exactly up to the cap and not one wei more", async () => {
      const { quiv, minter, alice } = await loadFixture(withMinter);
      const room = CAP - GENESIS_TOTAL;
      await quiv.connect(minter).mint(alice.address, room);
      expect(await quiv.totalMinted()).to.equal(CAP);
      expect(await quiv.totalSupply()).to.equal(CAP);
      await expect(quiv.connect(minter).mint(alice.address, 1n))
        .to.be.revertedWithCustomError(quiv, "QuivCapExceeded")
        .withArgs(CAP, 1n, CAP);
    });

    it("rejects a mint one wei over the remaining room", async () => {
      const { quiv, minter, alice } = await loadFixture(withMinter);
      const room = CAP - GENESIS_TOTAL;
      await expect(quiv.connect(minter).mint(alice.address, room + 1n))
        .to.be.revertedWithCustomError(quiv, "QuivCapExceeded")
        .withArgs(GENESIS_TOTAL, room + 1n, CAP);
    });

    it("does not reopen room under the cap when tokens are burned", async () => {
      const { quiv, minter, alice } = await loadFixture(withMinter);
      await quiv.connect(minter).mint(alice.address, CAP - GENESIS_TOTAL);
      await quiv.connect(alice).burn(1_000n * QUIV);
      expect(await quiv.totalSupply()).to.equal(CAP - 1_000n * QUIV);
      expect(await quiv.totalBurned()).to.equal(1_000n * QUIV);
      await expect(quiv.connect(minter).mint(alice.address, 1n))
        .to.be.revertedWithCustomError(quiv, "QuivCapExceeded")
        .withArgs(CAP, 1n, CAP);
    });

    it("rejects zero mints and mints to the zero address", async () => {
      const { quiv, minter } = await loadFixture(withMinter);
      await expect(quiv.connect(minter).mint(minter.address, 0n)).to.be.revertedWithCustomError(quiv, "QuivZeroAmount");
      await expect(quiv.connect(minter).mint(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(quiv, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
      expect(await quiv.totalMinted()).to.equal(GENESIS_TOTAL);
    });

    it("adds minted tokens to the recipient's delegate and to the past total supply", async () => {
      const { quiv, minter, alice } = await loadFixture(withMinter);
      await quiv.connect(alice).delegate(alice.address);
      await quiv.connect(minter).mint(alice.address, 3n * QUIV);
      const t = await time.latest();
      await mine();
      expect(await quiv.getPastVotes(alice.address, t)).to.equal(3n * QUIV);
      expect(await quiv.getPastTotalSupply(t)).to.equal(GENESIS_TOTAL + 3n * QUIV);
    });
  });

  describe("burning", () => {
    it("burn lowers the balance, the supply and the delegate's votes, and counts as burned", async () => {
      const { quiv, treasury } = await loadFixture(deployFoundation);
      await quiv.connect(treasury).delegate(treasury.address);
      await expect(quiv.connect(treasury).burn(5n * QUIV))
        .to.emit(quiv, "Transfer")
        .withArgs(treasury.address, ethers.ZeroAddress, 5n * QUIV);
      expect(await quiv.totalSupply()).to.equal(GENESIS_TOTAL - 5n * QUIV);
      expect(await quiv.totalBurned()).to.equal(5n * QUIV);
      expect(await quiv.totalMinted()).to.equal(GENESIS_TOTAL);
      expect(await quiv.getVotes(treasury.address)).to.equal(GENESIS.treasury - 5n * QUIV);
    });

    it("burnFrom spends the allowance", async () => {
      const { quiv, treasury, alice } = await loadFixture(deployFoundation);
      await quiv.connect(treasury).approve(alice.address, 10n);
      await quiv.connect(alice).burnFrom(treasury.address, 4n);
      expect(await quiv.allowance(treasury.address, alice.address)).to.equal(6n);
      expect(await quiv.balanceOf(treasury.address)).to.equal(GENESIS.treasury - 4n);
    });

    it("burnFrom without allowance and burn above balance revert with the ERC-20 errors", async () => {
      const { quiv, treasury, alice } = await loadFixture(deployFoundation);
      await expect(quiv.connect(alice).burnFrom(treasury.address, 1n))
        .to.be.revertedWithCustomError(quiv, "ERC20InsufficientAllowance")
        .withArgs(alice.address, 0n, 1n);
      await expect(quiv.connect(alice).burn(1n))
        .to.be.revertedWithCustomError(quiv, "ERC20InsufficientBalance")
        .withArgs(alice.address, 0n, 1n);
    });
  });

  describe("roles", () => {
    it("rejects mint from a stranger with AccessControlUnauthorizedAccount", async () => {
      const { quiv, stranger } = await loadFixture(deployFoundation);
      await expect(quiv.connect(stranger).mint(stranger.address, 1n))
        .to.be.revertedWithCustomError(quiv, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, await quiv.MINTER_ROLE());
    });

    it("rejects grantRole and revokeRole from a stranger", async () => {
      const { quiv, stranger, minter } = await loadFixture(withMinter);
      const admin = await quiv.DEFAULT_ADMIN_ROLE();
      const role = await quiv.MINTER_ROLE();
      await expect(quiv.connect(stranger).grantRole(role, stranger.address))
        .to.be.revertedWithCustomError(quiv, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, admin);
      await expect(quiv.connect(stranger).revokeRole(role, minter.address))
        .to.be.revertedWithCustomError(quiv, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, admin);
    });

    it("stops a minter as soon as its role is revoked", async () => {
      const { quiv, deployer, minter } = await loadFixture(withMinter);
      const role = await quiv.MINTER_ROLE();
      await expect(quiv.connect(deployer).revokeRole(role, minter.address))
        .to.emit(quiv, "RoleRevoked")
        .withArgs(role, minter.address, deployer.address);
      await expect(quiv.connect(minter).mint(minter.address, 1n))
        .to.be.revertedWithCustomError(quiv, "AccessControlUnauthorizedAccount")
        .withArgs(minter.address, role);
    });

    it("no function other than mint raises totalSupply (every non-view ABI entry, called by a stranger)", async () => {
      const { quiv, stranger } = await loadFixture(deployFoundation);
      const supply = await quiv.totalSupply();
      const fns = quiv.interface.fragments.filter(
        (f): f is import("ethers").FunctionFragment =>
          f.type === "function" && !(f as import("ethers").FunctionFragment).constant,
      );
      expect(fns.length).to.be.greaterThan(10);
      for (const f of fns) {
        const args = f.inputs.map((i) =>
          i.baseType === "address"
            ? stranger.address
            : i.baseType === "bool"
              ? true
              : i.baseType.startsWith("bytes")
                ? ethers.zeroPadValue("0x", i.baseType === "bytes" ? 0 : Number(i.baseType.slice(5)))
                : 1n,
        );
        try {
          await (
            await stranger.sendTransaction({
              to: await quiv.getAddress(),
              data: (quiv.interface as unknown as Interface).encodeFunctionData(f, args),
            })
          ).wait();
        } catch {
          // a revert is fine: the point is that nothing raised the supply
        }
      }
      expect(await quiv.totalSupply()).to.equal(supply);
    });
  });
});
