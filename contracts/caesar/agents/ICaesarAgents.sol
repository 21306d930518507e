// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IStakingPools} from "../../staking/IStakingPools.sol";
import {ICaesarToken} from "../ICaesarToken.sol";

/// @title ICaesarAgents
/// @notice The CAESAR processing-agent registry: an agent registers with a stake of CAESAR, a region and an
/// endpoint, may top up, unbond (wait the unbonding period) and withdraw; governance (SLASHER_ROLE) slashes an
/// agent that relayed forged or replayed authorizations. An agent is active while registered with a bonded stake
/// worth at least `caesar.agents.minStake`.
/// @dev Stakes are held in CAESAR base units (the token's `baseOf`), not in wei: the registry is a FeeFree account
/// (no fee on deposits and withdrawals, so the accounting is exact) that still decays, so a stake of b base units is
/// worth b x index wei and every position pays its demurrage, as a holder's balance would. Every amount of the
/// staking core (StakingPools) is in base units; the views also give the wei value now.
interface ICaesarAgents is IStakingPools {
    /// @notice `agent` is already registered.
    error CaesarAgentsAlreadyRegistered(address agent);
    /// @notice `agent` is not registered.
    error CaesarAgentsNotRegistered(address agent);
    /// @notice The registry's account kind is `kind`: it must be FeeFree (decaying, no fees) to take stakes.
    error CaesarAgentsNotFeeFree(ICaesarToken.Kind kind);
    /// @notice `agent`'s stake would be worth `stake` wei, below the minimum `minStake`.
    error CaesarAgentsStakeTooLow(address agent, uint256 stake, uint256 minStake);
    /// @notice `account` already has `count` pending unbondings (at most `max`).
    error CaesarAgentsTooManyUnbondings(address account, uint256 count, uint256 max);
    /// @notice `account` has no unbonding at `index` (it has `count`).
    error CaesarAgentsUnknownUnbonding(address account, uint256 index, uint256 count);
    /// @notice `account`'s unbonding `index` unlocks at `unlockAt`, after `nowTime`.
    error CaesarAgentsStillUnbonding(address account, uint256 index, uint256 nowTime, uint256 unlockAt);
    /// @notice The endpoint is `length` bytes long, above `max`.
    error CaesarAgentsEndpointTooLong(uint256 length, uint256 max);

    /// @notice `agent` registered in `region` at `endpoint`.
    event AgentRegistered(address indexed agent, uint16 region, string endpoint);
    /// @notice `agent` moved to `region` / `endpoint`.
    event AgentProfileChanged(address indexed agent, uint16 region, string endpoint);
    /// @notice `agent` staked `amount` wei, credited as `base` base units.
    event AgentStaked(address indexed agent, uint256 amount, uint256 base);
    /// @notice `agent` started unbonding `base` base units (entry `index`), withdrawable from `unlockAt`.
    event AgentUnbonding(address indexed agent, uint256 index, uint256 base, uint256 unlockAt);
    /// @notice `agent` withdrew `base` base units worth `amount` wei.
    event AgentWithdrawn(address indexed agent, uint256 base, uint256 amount);
    /// @notice Governance slashed `base` base units (`amount` wei, to the stability reserve) of `agent` for the
    /// offence described by `evidence` (e.g. the hash of a forged or replayed authorization).
    event AgentSlashed(address indexed agent, uint256 base, uint256 amount, bytes32 indexed evidence);

    /// @notice Role allowed to slash (governance, the timelock).
    function SLASHER_ROLE() external view returns (bytes32);

    /// @notice The CAESAR token.
    function token() external view returns (ICaesarToken);

    /// @notice Registers the caller in `region` at `endpoint` with a stake of `amount` wei (allowance needed), which
    /// must be worth at least the minimum stake.
    function register(uint16 region, string calldata endpoint, uint256 amount) external;

    /// @notice Adds `amount` wei to the caller's stake (allowance needed).
    function addStake(uint256 amount) external;

    /// @notice Changes the caller's region and endpoint.
    function setProfile(uint16 region, string calldata endpoint) external;

    /// @notice Starts unbonding `base` base units of the caller's stake (they stop counting at once).
    /// @return index the unbonding entry
    function unbond(uint256 base) external returns (uint256 index);

    /// @notice Starts unbonding the caller's whole bonded stake (the agent stays registered, inactive).
    function exit() external returns (uint256 index);

    /// @notice Withdraws the caller's matured unbonding `index` (swap-and-pop: the last entry takes its index).
    /// @return amount wei paid
    function withdraw(uint256 index) external returns (uint256 amount);

    /// @notice Slashes up to `base` base units of `agent`'s bonded and unbonding stake, pro rata (capped at what it
    /// has), paying their wei to the stability reserve. Only SLASHER_ROLE.
    /// @return slashed base units taken
    function slash(address agent, uint256 base, bytes32 evidence) external returns (uint256 slashed);

    /// @notice How many agents ever registered (registration is permanent; an exited agent stays registered).
    function agentCount() external view returns (uint256);

    /// @notice Whether `agent` may process authorizations now, and its region.
    function activeAgent(address agent) external view returns (bool active, uint16 region);

    /// @notice `agent`'s registration, region, endpoint, bonded base units and their wei value now.
    function agentOf(
        address agent
    )
        external
        view
        returns (bool registered, uint16 region, string memory endpoint, uint256 bondedBase, uint256 bondedWei);

    /// @notice `account`'s pending unbondings.
    function unbondingsOf(address account) external view returns (Unbonding[] memory);
}
