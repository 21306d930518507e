// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {FeeSplit} from "../../fees/FeeSplit.sol";
import {IDisputeManager} from "../disputes/IDisputeManager.sol";
import {BPS} from "../../utils/Constants.sol";

/// @title MarketMath
/// @notice Pure math of the marketplace and the dispute system, mirrored by `sdk/quiver/core/market.ts` (a
/// differential test compares the two).
/// @dev Rounding (README, "Rounding"): every fee leg rounds down and the provider leg, last, takes the
/// remainder (FeeSplit), so legs sum to the price exactly and dust favours the provider who did the work
/// over no one; the quorum rounds up (protocol-favouring: more votes needed); a penalty rounds up and a
/// reward per voter rounds down, with the dust kept by the reward pool.
library MarketMath {
    /// @notice Splits a job price into its legs: network fee, treasury fee, burn (each rounded down) and the
    /// provider reward (the remainder).
    /// @param price the job price (wei)
    /// @param networkFeeBps network fee share (bps)
    /// @param treasuryFeeBps treasury fee share (bps)
    /// @param burnBps burned share (bps); the three shares must sum to <= 10,000
    function splitPayment(
        uint256 price,
        uint256 networkFeeBps,
        uint256 treasuryFeeBps,
        uint256 burnBps
    ) internal pure returns (uint256 providerReward, uint256 networkFee, uint256 treasuryFee, uint256 burned) {
        // The provider takes the remainder; shares above 100% together revert FeeSplitSharesNotWhole.
        (networkFee, treasuryFee, burned, providerReward) = FeeSplit.split4(
            price,
            networkFeeBps,
            treasuryFeeBps,
            burnBps
        );
    }

    /// @notice Splits a forfeited bond: burned part and voters' part rounded down, provider takes the rest.
    function splitBond(
        uint256 bond,
        uint256 burnBps,
        uint256 voterBps
    ) internal pure returns (uint256 burned, uint256 voters, uint256 provider) {
        uint256[] memory shares = new uint256[](2);
        shares[0] = burnBps;
        shares[1] = voterBps;
        uint256[] memory legs = FeeSplit.splitWithRemainder(bond, shares);
        return (legs[0], legs[1], legs[2]);
    }

    /// @notice Votes needed: `ceil(activeValidators * quorumBps / 10,000)`, at least 1.
    function quorumFor(uint256 activeValidators, uint256 quorumBps) internal pure returns (uint256) {
        return Math.max(1, Math.mulDiv(activeValidators, quorumBps, BPS, Math.Rounding.Ceil));
    }

    /// @notice Outcome of a vote: Drawn without quorum; otherwise the side with strictly more than
    /// `majorityBps` of the revealed votes wins, and Drawn if neither does.
    function tally(
        uint256 upVotes,
        uint256 downVotes,
        uint256 quorum,
        uint256 majorityBps
    ) internal pure returns (IDisputeManager.Outcome) {
        uint256 total = upVotes + downVotes;
        if (total == 0 || total < quorum) return IDisputeManager.Outcome.Drawn;
        if (upVotes * BPS > total * majorityBps) return IDisputeManager.Outcome.Upheld;
        if (downVotes * BPS > total * majorityBps) return IDisputeManager.Outcome.Rejected;
        return IDisputeManager.Outcome.Drawn;
    }

    /// @notice A permutation of `0..n-1` for the committee draw: `index_i = (start + i * step) mod n` with
    /// `gcd(step, n) = 1`. `start = seed mod n`; `step` starts at `1 + (seed >> 128) mod (n - 1)` and moves
    /// down until coprime with `n` (step 1 always is, so the loop ends within `n` tries; in practice a few).
    function permutation(uint256 seed, uint256 n) internal pure returns (uint256 start, uint256 step) {
        if (n < 3) return (seed % Math.max(n, 1), 1);
        start = seed % n;
        step = 1 + ((seed >> 128) % (n - 1));
        while (_gcd(step, n) != 1) step -= 1;
    }

    /// @notice A stake penalty: `ceil(stake * penaltyBps / 10,000)`, at most the stake.
    function penaltyUp(uint256 stake, uint256 penaltyBps) internal pure returns (uint256) {
        return Math.min(stake, Math.mulDiv(stake, penaltyBps, BPS, Math.Rounding.Ceil));
    }

    function _gcd(uint256 a, uint256 b) private pure returns (uint256) {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
