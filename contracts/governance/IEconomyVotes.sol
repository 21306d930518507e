// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {IEconomyGovernor} from "./IEconomyGovernor.sol";

/// @title IEconomyVotes
/// @notice The ERC-5805 face of an EconomyGovernor's weighted electorate (`governor.token()`), for governance UIs
/// that read voting power from one token: `getPastVotes(a, t)` is exactly `governor.getVotes(a, t)` (the weighted
/// sum over the vote sources, weights at `t`), `getVotes(a)` the same sum with the current weights and
/// balances, `getPastTotalSupply(t)` the quorum base `governor.weightedPastTotalSupply(t)`; timestamp clock.
/// @dev A view: it holds no balances and no delegations. Delegation happens in each source (QUIV's `delegate`,
/// the staking contract's `delegate`), so `delegate` and `delegateBySig` revert, and `delegates(a)` is the
/// delegate in the first source. It emits no `DelegateChanged` / `DelegateVotesChanged`: an indexer rebuilds
/// every account's power from the sources' own `DelegateVotesChanged` events and the governor's `VoteSourceSet`
/// (weights): power(a) = floor(sum_i weight_i * votes_i(a) / 10000). A reweight (`VoteSourceSet`) changes every
/// holder's power of that source at once, with that one event and no per-account event.
interface IEconomyVotes is IERC5805 {
    /// @notice Delegation is per source: call `delegate` on each vote source (`governor().voteSources()`).
    /// @param caller who tried
    /// @param firstSource the first vote source (QUIV on QUIVer)
    error EconomyVotesDelegateAtSources(address caller, address firstSource);

    /// @notice The governor whose electorate this is.
    function governor() external view returns (IEconomyGovernor);

    /// @notice Display name ("<governor name> votes").
    function name() external view returns (string memory);

    /// @notice Display symbol ("v" + the first source's symbol).
    function symbol() external view returns (string memory);

    /// @notice 18, like every kit vote source.
    function decimals() external view returns (uint8);
}
