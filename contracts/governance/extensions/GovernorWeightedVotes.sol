// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {IEconomyGovernor} from "../IEconomyGovernor.sol";
import {BPS} from "../../utils/Constants.sol";
import {EconomyGovernorLib} from "../libraries/EconomyGovernorLib.sol";

/// @title GovernorWeightedVotes
/// @notice Governor extension: voting power is a weighted sum over a registry of ERC-5805 vote sources, read
/// at the proposal snapshot.
/// @dev Design: votes(account, t) = floor(sum_i w_i(t) * source_i.getPastVotes(account, t) / 10000) and the
/// weighted supply is sum_i w_i(t) * S_i(t) - sum_{j wraps first} w_0(t) * S_j(t), with S = getPastTotalSupply
/// (kept unscaled so the quorum can round once, up; floored at 0). A source that wraps the first one (staked QUIV:
/// QUIV held by the staking contract) has its supply inside S_0 already, so without the subtraction a staked
/// QUIV would count w_0 + w_j (2.5x) in the base but vote w_j (1.5x) at most (SEC-10). Weights are checkpointed by timestamp, so a weight change never alters a proposal whose snapshot is
/// before the change. Hot path: one slot per source holds (token, current weight, since); the checkpoint
/// history is only read for snapshots older than the latest change. The number of sources lives in the spare
/// bits of source 0's slot, so a governor with one source reads one slot per vote. Sources are never removed (weight 0 disables
/// one) and at most MAX_SOURCES are ever registered, which bounds the loops of `getVotes` and `quorum`.
/// All sources must use the timestamp clock, like the governor.
abstract contract GovernorWeightedVotes is Governor, IEconomyGovernor {
    using Checkpoints for Checkpoints.Trace208;

    /// @notice Most distinct sources ever registered (bounds the per-vote loop: about 5k gas per source).
    uint256 public constant MAX_SOURCES = EconomyGovernorLib.MAX_SOURCES;
    /// @notice Largest weight: 100x (1,000,000 bps).
    uint256 public constant MAX_WEIGHT_BPS = EconomyGovernorLib.MAX_WEIGHT_BPS;

    /// @dev The registry (slots, weight history, index by token); written by EconomyGovernorLib (cold path),
    /// read here (hot path).
    EconomyGovernorLib.Sources private _registry;

    /// @param sources initial sources and weights (effective from deployment)
    constructor(VoteSource[] memory sources) {
        if (sources.length == 0) revert EconomyGovernorInvalidSource(address(0));
        for (uint256 i = 0; i < sources.length; ++i) {
            EconomyGovernorLib.setVoteSource(
                _registry,
                address(sources[i].token),
                sources[i].weightBps,
                sources[i].wrapsFirst
            );
        }
    }

    /// @notice ERC-6372 clock: the block timestamp, like every vote source.
    function clock() public view virtual override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public view virtual override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc IEconomyGovernor
    function voteSources() external view returns (VoteSource[] memory) {
        return EconomyGovernorLib.voteSources(_registry);
    }

    /// @inheritdoc IEconomyGovernor
    function sourceWeightAt(address token, uint256 timepoint) external view returns (uint256) {
        uint256 indexPlusOne = _registry.indexOf[token];
        return indexPlusOne == 0 ? 0 : _weightAt(indexPlusOne - 1, timepoint);
    }

    /// @inheritdoc IEconomyGovernor
    function setVoteSource(address token, uint32 weightBps, bool wrapsFirst) external onlyGovernance {
        EconomyGovernorLib.setVoteSource(_registry, token, weightBps, wrapsFirst);
    }

    /// @inheritdoc IEconomyGovernor
    function weightedPastTotalSupply(uint256 timepoint) external view returns (uint256) {
        return _weightedSupplyRaw(timepoint) / BPS;
    }

    /// @dev The quorum base (see the design note), in token units times basis points (not divided).
    function _weightedSupplyRaw(uint256 timepoint) internal view returns (uint256) {
        EconomyGovernorLib.SourceSlot memory s = _registry.slots[0];
        uint256 n = s.count;
        uint256 sum;
        uint256 wrapped; // sum of S_j over the sources that wrap the first one
        uint256 w0;
        for (uint256 i = 0; i < n; ++i) {
            if (i != 0) s = _registry.slots[i];
            uint256 w =
                timepoint >= s.since ? s.weightBps : _registry.weightHistory[i].upperLookupRecent(uint48(timepoint));
            if (i == 0) w0 = w;
            if (w != 0 || s.wrapsFirst) {
                uint256 supply = s.token.getPastTotalSupply(timepoint);
                sum += w * supply;
                if (s.wrapsFirst) wrapped += supply;
            }
        }
        wrapped *= w0;
        return sum > wrapped ? sum - wrapped : 0;
    }

    /// @dev Weighted past votes of `account`, rounded down (against the voter).
    function _getVotes(
        address account,
        uint256 timepoint,
        bytes memory /* params */
    ) internal view virtual override returns (uint256) {
        EconomyGovernorLib.SourceSlot memory s = _registry.slots[0];
        uint256 n = s.count;
        uint256 sum;
        for (uint256 i = 0; i < n; ++i) {
            if (i != 0) s = _registry.slots[i];
            uint256 w =
                timepoint >= s.since ? s.weightBps : _registry.weightHistory[i].upperLookupRecent(uint48(timepoint));
            if (w != 0) sum += w * s.token.getPastVotes(account, timepoint);
        }
        return sum / BPS;
    }

    function _weightAt(uint256 index, uint256 timepoint) private view returns (uint256) {
        EconomyGovernorLib.SourceSlot memory s = _registry.slots[index];
        if (timepoint >= s.since) return s.weightBps;
        return _registry.weightHistory[index].upperLookupRecent(uint48(timepoint));
    }
}
