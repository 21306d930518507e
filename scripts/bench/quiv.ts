/**
 * QUIV gas rows, each beside the same operation on an OpenZeppelin reference token deployed in this run:
 * RefVotesToken (OZ Wizard: ERC20 + Burnable + Permit + Votes, role-mintable) for every row that touches
 * votes, supply or signatures, and RefERC20 (plain OZ ERC20) for approve. Target: within 1.05x.
 */
import { ethers } from "hardhat";
import { Signature, type BaseContract, type Signer } from "ethers";
import { signPermit } from "../../sdk/kit/tx/signing";
import { benchWallet, gasOf, row, type BenchRow, TOKEN as Q } from "./lib";

const TARGET = 1.05;

interface Tok {
  mint(to: string, amount: bigint): Promise<import("ethers").ContractTransactionResponse>;
  connect(s: Signer): Tok;
  transfer(to: string, amount: bigint): Promise<import("ethers").ContractTransactionResponse>;
  approve(to: string, amount: bigint): Promise<import("ethers").ContractTransactionResponse>;
  transferFrom(f: string, t: string, a: bigint): Promise<import("ethers").ContractTransactionResponse>;
  delegate(to: string): Promise<import("ethers").ContractTransactionResponse>;
  burn(a: bigint): Promise<import("ethers").ContractTransactionResponse>;
  permit(
    o: string,
    s: string,
    v: bigint,
    d: bigint,
    sv: number,
    r: string,
    ss: string,
  ): Promise<import("ethers").ContractTransactionResponse>;
}

/** Measures every scenario on one token; `holder`, `other`, `spender` are distinct signers per token. */
async function measure(tok: Tok, s: { admin: Signer; holder: Signer; other: Signer; spender: Signer; fresh: Signer }) {
  const holder = await s.holder.getAddress();
  const other = await s.other.getAddress();
  const spender = await s.spender.getAddress();
  const fresh = await s.fresh.getAddress();
  const t = tok.connect(s.holder);
  await tok.connect(s.admin).mint(holder, 1_000_000n * Q);
  await tok.connect(s.admin).mint(other, 1_000n * Q);
  await tok.connect(s.admin).mint(fresh, 1_000n * Q);
  const g: Record<string, bigint> = {};

  g.fresh = await gasOf(t.transfer(benchWallet("fresh QUIV recipient").address, Q));
  g.existing = await gasOf(t.transfer(other, Q));
  g.approve = await gasOf(t.approve(spender, 100n * Q));
  g.transferFrom = await gasOf(tok.connect(s.spender).transferFrom(holder, other, Q));

  const deadline = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 3600n;
  const permit = await signPermit(s.holder, await (tok as unknown as BaseContract).getAddress(), {
    spender: other,
    value: 5n * Q,
    deadline,
  });
  const sig = Signature.from(permit.signature);
  g.permit = await gasOf(tok.connect(s.spender).permit(holder, other, 5n * Q, deadline, sig.v, sig.r, sig.s));

  g.delegate = await gasOf(tok.connect(s.fresh).delegate(fresh));
  await t.delegate(holder);
  await tok.connect(s.other).delegate(other);
  g.delegated = await gasOf(t.transfer(other, Q));
  g.mint = await gasOf(tok.connect(s.admin).mint(other, Q));
  g.burn = await gasOf(t.burn(Q));
  return g;
}

export default async function quiv(): Promise<BenchRow[]> {
  const sg = await ethers.getSigners();
  const [admin] = sg;
  const quiv = await (await ethers.getContractFactory("QuivToken")).deploy(admin.address, [], []);
  await quiv.grantRole(await quiv.MINTER_ROLE(), admin.address);
  const ref = await (await ethers.getContractFactory("RefVotesToken")).deploy(admin.address);
  const plain = await (await ethers.getContractFactory("RefERC20")).deploy();

  const ours = await measure(quiv as unknown as Tok, {
    admin,
    holder: sg[1],
    other: sg[2],
    spender: sg[3],
    fresh: sg[4],
  });
  const theirs = await measure(ref as unknown as Tok, {
    admin,
    holder: sg[5],
    other: sg[6],
    spender: sg[7],
    fresh: sg[8],
  });
  await plain.mint(sg[9].address, Q);
  const plainApprove = await gasOf(plain.connect(sg[9]).approve(sg[10].address, 100n * Q));

  const OZV = "OZ ERC20+Permit+Votes";
  return [
    row("QUIV transfer (fresh recipient)", ours.fresh, OZV, theirs.fresh, TARGET),
    row("QUIV transfer (existing recipient)", ours.existing, OZV, theirs.existing, TARGET),
    row("QUIV transfer (both sides delegated)", ours.delegated, OZV, theirs.delegated, TARGET),
    row("QUIV approve", ours.approve, "OZ ERC20", plainApprove, TARGET),
    row("QUIV transferFrom", ours.transferFrom, OZV, theirs.transferFrom, TARGET),
    row("QUIV permit", ours.permit, OZV, theirs.permit, TARGET),
    row("QUIV delegate", ours.delegate, OZV, theirs.delegate, TARGET),
    row("QUIV mint", ours.mint, OZV, theirs.mint, TARGET),
    row("QUIV burn", ours.burn, OZV, theirs.burn, TARGET),
  ];
}
