// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {IEconomyGovernor} from "../IEconomyGovernor.sol";
import {BPS} from "../../utils/Constants.sol";

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
    uint256 public constant MAX_SOURCES = 8;
    /// @notice Largest weight: 100x (1,000,000 bps).
    uint256 public constant MAX_WEIGHT_BPS = 1_000_000;

    /// @dev `count` is only maintained in `_sources[0]` (number of registered sources); `wrapsFirst` is fixed at
    /// registration (160 + 32 + 48 + 8 + 8 bits: one slot).
    struct SourceSlot {
        IERC5805 token;
        uint32 weightBps;
        uint48 since;
        uint8 count;
        bool wrapsFirst;
    }

    mapping(uint256 index => SourceSlot) private _sources;
    mapping(uint256 index => Checkpoints.Trace208) private _weightHistory;
    mapping(address token => uint256 indexPlusOne) private _sourceIndex;

    /// @param sources initial sources and weights (effective from deployment)
    constructor(VoteSource[] memory sources) {
        if (sources.length == 0) revert EconomyGovernorInvalidSource(address(0));
        for (uint256 i = 0; i < sources.length; ++i) {
            _setVoteSource(address(sources[i].token), sources[i].weightBps, sources[i].wrapsFirst);
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
    function voteSources() external view returns (VoteSource[] memory list) {
        uint256 n = _sources[0].count;
        list = new VoteSource[](n);
        for (uint256 i = 0; i < n; ++i) {
            list[i] = VoteSource(_sources[i].token, _sources[i].weightBps, _sources[i].wrapsFirst);
        }
    }

    /// @inheritdoc IEconomyGovernor
    function sourceWeightAt(address token, uint256 timepoint) external view returns (uint256) {
        uint256 indexPlusOne = _sourceIndex[token];
        return indexPlusOne == 0 ? 0 : _weightAt(indexPlusOne - 1, timepoint);
    }

    /// @inheritdoc IEconomyGovernor
    function setVoteSource(address token, uint32 weightBps, bool wrapsFirst) external onlyGovernance {
        _setVoteSource(token, weightBps, wrapsFirst);
    }

    /// @inheritdoc IEconomyGovernor
    function weightedPastTotalSupply(uint256 timepoint) external view returns (uint256) {
        return _weightedSupplyRaw(timepoint) / BPS;
    }

    /// @dev The quorum base (see the design note), in token units times basis points (not divided).
    function _weightedSupplyRaw(uint256 timepoint) internal view returns (uint256) {
        SourceSlot memory s = _sources[0];
        uint256 n = s.count;
        uint256 sum;
        uint256 wrapped; // sum of S_j over the sources that wrap the first one
        uint256 w0;
        for (uint256 i = 0; i < n; ++i) {
            if (i != 0) s = _sources[i];
            uint256 w = timepoint >= s.since ? s.weightBps : _weightHistory[i].upperLookupRecent(uint48(timepoint));
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
        SourceSlot memory s = _sources[0];
        uint256 n = s.count;
        uint256 sum;
        for (uint256 i = 0; i < n; ++i) {
            if (i != 0) s = _sources[i];
            uint256 w = timepoint >= s.since ? s.weightBps : _weightHistory[i].upperLookupRecent(uint48(timepoint));
            if (w != 0) sum += w * s.token.getPastVotes(account, timepoint);
        }
        return sum / BPS;
    }

    function _weightAt(uint256 index, uint256 timepoint) private view returns (uint256) {
        SourceSlot memory s = _sources[index];
        if (timepoint >= s.since) return s.weightBps;
        return _weightHistory[index].upperLookupRecent(uint48(timepoint));
    }

    function _setVoteSource(address token, uint32 weightBps, bool wrapsFirst) private {
        uint256 indexPlusOne = _sourceIndex[token];
        if (
            token == address(0) ||
            keccak256(bytes(IERC5805(token).CLOCK_MODE())) != keccak256("mode=timestamp") ||
            (
                indexPlusOne == 0
                    ? wrapsFirst && _sources[0].count == 0
                    : _sources[indexPlusOne - 1].wrapsFirst != wrapsFirst
            )
        ) {
            revert EconomyGovernorInvalidSource(token);
        }
        if (weightBps > MAX_WEIGHT_BPS) revert EconomyGovernorInvalidWeight(token, weightBps, MAX_WEIGHT_BPS);
        uint256 index;
        uint256 oldWeight;
        uint8 count = _sources[0].count;
        if (indexPlusOne == 0) {
            index = count;
            if (index == MAX_SOURCES) revert EconomyGovernorTooManySources(index, MAX_SOURCES);
            // count < MAX_SOURCES = 8, so count + 1 fits in a uint8.
            ++count;
            _sourceIndex[token] = index + 1;
        } else {
            index = indexPlusOne - 1;
            oldWeight = _sources[index].weightBps;
        }
        uint48 now_ = clock();
        _weightHistory[index].push(now_, weightBps);
        _sources[index] = SourceSlot(IERC5805(token), weightBps, now_, index == 0 ? count : 0, wrapsFirst);
        if (index != 0) _sources[0].count = count;
        emit VoteSourceSet(token, oldWeight, weightBps);
    }
}
