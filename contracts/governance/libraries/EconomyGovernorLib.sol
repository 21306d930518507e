// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {IEconomyGovernor} from "../IEconomyGovernor.sol";
import {BPS} from "../../utils/Constants.sol";

/// @title EconomyGovernorLib
/// @notice The cold (governance-only and constructor) paths of EconomyGovernor, in an external library so the
/// governor stays under the 24,576-byte code size limit: registering / reweighting a vote source, setting a
/// proposal type's requirements, and listing the sources. Called by DELEGATECALL on the governor's own storage,
/// so its events come from the governor's address and its errors are the governor's (IEconomyGovernor).
/// @dev The hot paths (getVotes, the quorum base, typeConfigAt) read the same storage directly in the governor and
/// pay no library call. Behaviour, errors and events are those of the code it was moved from.
library EconomyGovernorLib {
    using Checkpoints for Checkpoints.Trace208;

    /// @dev Most distinct sources ever registered.
    uint256 internal constant MAX_SOURCES = 8;
    /// @dev Largest source weight: 100x.
    uint256 internal constant MAX_WEIGHT_BPS = 1_000_000;
    /// @dev Lowest type quorum: 1%.
    uint256 internal constant MIN_QUORUM_BPS = 100;
    /// @dev Longest per-type timelock delay.
    uint256 internal constant MAX_TYPE_DELAY = 30 days;

    /// @dev `count` is only maintained in slot 0 (number of registered sources); `wrapsFirst` is fixed at
    /// registration (160 + 32 + 48 + 8 + 8 bits: one slot).
    struct SourceSlot {
        IERC5805 token;
        uint32 weightBps;
        uint48 since;
        uint8 count;
        bool wrapsFirst;
    }

    /// @dev The vote-source registry of GovernorWeightedVotes.
    struct Sources {
        mapping(uint256 index => SourceSlot) slots;
        mapping(uint256 index => Checkpoints.Trace208) weightHistory;
        mapping(address token => uint256 indexPlusOne) indexOf;
    }

    /// @dev The proposal-type configs of EconomyGovernor: the full history per type (packed quorum |
    /// approval << 16 | delay << 32) and a hot copy of the four current configs, 52 bits each (quorum 14,
    /// approval 14, delay 24 bits), with the time of the last change of any type in the top 48 bits.
    struct Types {
        mapping(IEconomyGovernor.ProposalType proposalType => Checkpoints.Trace208) history;
        uint256 packed;
    }

    /// @notice Adds a source or changes its weight (see IEconomyGovernor.setVoteSource).
    function setVoteSource(Sources storage $, address token, uint32 weightBps, bool wrapsFirst) external {
        uint256 indexPlusOne = $.indexOf[token];
        if (
            token == address(0) ||
            keccak256(bytes(IERC5805(token).CLOCK_MODE())) != keccak256("mode=timestamp") ||
            (
                indexPlusOne == 0
                    ? wrapsFirst && $.slots[0].count == 0
                    : $.slots[indexPlusOne - 1].wrapsFirst != wrapsFirst
            )
        ) {
            revert IEconomyGovernor.EconomyGovernorInvalidSource(token);
        }
        if (weightBps > MAX_WEIGHT_BPS) {
            revert IEconomyGovernor.EconomyGovernorInvalidWeight(token, weightBps, MAX_WEIGHT_BPS);
        }
        uint256 index;
        uint256 oldWeight;
        uint8 count = $.slots[0].count;
        if (indexPlusOne == 0) {
            index = count;
            if (index == MAX_SOURCES) revert IEconomyGovernor.EconomyGovernorTooManySources(index, MAX_SOURCES);
            // count < MAX_SOURCES = 8, so count + 1 fits in a uint8.
            ++count;
            $.indexOf[token] = index + 1;
        } else {
            index = indexPlusOne - 1;
            oldWeight = $.slots[index].weightBps;
        }
        uint48 now_ = uint48(block.timestamp);
        $.weightHistory[index].push(now_, weightBps);
        $.slots[index] = SourceSlot(IERC5805(token), weightBps, now_, index == 0 ? count : 0, wrapsFirst);
        if (index != 0) $.slots[0].count = count;
        emit IEconomyGovernor.VoteSourceSet(token, oldWeight, weightBps);
    }

    /// @notice Every registered source with its current weight.
    function voteSources(Sources storage $) external view returns (IEconomyGovernor.VoteSource[] memory list) {
        uint256 n = $.slots[0].count;
        list = new IEconomyGovernor.VoteSource[](n);
        for (uint256 i = 0; i < n; ++i) {
            SourceSlot storage s = $.slots[i];
            list[i] = IEconomyGovernor.VoteSource(s.token, s.weightBps, s.wrapsFirst);
        }
    }

    /// @notice Sets a type's requirements (see IEconomyGovernor.setTypeConfig); checks the GOV-09 bounds.
    /// @dev `c` is memory: the constructor passes its InitParams.
    // solhint-disable-next-line gas-calldata-parameters
    function setTypeConfig(
        Types storage $,
        IEconomyGovernor.ProposalType t,
        IEconomyGovernor.TypeConfig memory c
    ) external {
        if (
            c.quorumBps < MIN_QUORUM_BPS ||
            c.quorumBps > BPS ||
            c.approvalBps < BPS / 2 ||
            c.approvalBps >= BPS ||
            c.minDelay > MAX_TYPE_DELAY
        ) {
            revert IEconomyGovernor.EconomyGovernorInvalidTypeConfig(t, c.quorumBps, c.approvalBps, c.minDelay);
        }
        uint48 now_ = uint48(block.timestamp);
        uint256 shift = 52 * uint256(t);
        uint256 packed = $.packed;
        uint256 old = packed >> shift; // the hot copy (all zero before the first config)
        IEconomyGovernor.TypeConfig memory oldConfig = IEconomyGovernor.TypeConfig(
            uint16(old & 0x3fff),
            uint16((old >> 14) & 0x3fff),
            uint32((old >> 28) & 0xffffff)
        );
        $.history[t].push(now_, uint208(c.quorumBps) | (uint208(c.approvalBps) << 16) | (uint208(c.minDelay) << 32));
        uint256 fields = uint256(c.quorumBps) | (uint256(c.approvalBps) << 14) | (uint256(c.minDelay) << 28);
        uint256 typesMask = (uint256(1) << 208) - 1;
        $.packed =
            (uint256(now_) << 208) | ((packed & typesMask & ~(uint256((1 << 52) - 1) << shift)) | (fields << shift));
        emit IEconomyGovernor.TypeConfigSet(t, oldConfig, c);
    }
}
