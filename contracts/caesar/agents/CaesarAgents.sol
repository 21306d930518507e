// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {StakingPools} from "../../staking/StakingPools.sol";
import {IBurnableERC20} from "../../tokens/IBurnableERC20.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {CaesarParams} from "../CaesarParams.sol";
import {DemurrageMath} from "../DemurrageMath.sol";
import {ICaesarToken} from "../ICaesarToken.sol";
import {ICaesarAgents} from "./ICaesarAgents.sol";

/// @title CaesarAgents
/// @notice CAESAR processing-agent registry on the kit staking core (see ICaesarAgents).
/// @dev Amounts in the core are CAESAR base units: a deposit is credited with the base units the registry's
/// account gained (measured, so a kind change of the registry cannot mint stake), a withdrawal pays the wei value
/// of its base units at today's index, rounded down; the token debits at most that many base units
/// (`toBaseUp(toAmountDown(b)) <= b`), so the registry's base units always cover the book. No delegation: each
/// agent is its own pool (commission 0). Slashing reaches the bonded stake and every unbonding entry still in the
/// registry (the unbonding period is the window in which an offence can be punished), pro rata through the core's
/// `_slashPools`; its segment walk is bounded by the agent's past slashes (one rollover each), never by users.
/// Rewards do not flow through the core's accumulator: agents earn from the CaesarFeeDistributor.
contract CaesarAgents is StakingPools, AccessControl, ReentrancyGuard, ICaesarAgents {
    using SafeERC20 for ICaesarToken;
    using DemurrageMath for uint256;

    /// @inheritdoc ICaesarAgents
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");
    /// @notice Longest endpoint (bytes).
    uint256 public constant MAX_ENDPOINT_LENGTH = 256;

    ICaesarToken private immutable _CAESAR;
    IParameterRegistry private immutable _REGISTRY;

    mapping(address agent => uint16) private _region;
    mapping(address agent => string) private _endpoint;
    uint256 private _agentCount;

    /// @param caesar the CAESAR token (this contract must be made FeeFree there before it takes stakes)
    /// @param registry the kit ParameterRegistry (`caesar.agents.*`)
    /// @param admin receives DEFAULT_ADMIN_ROLE and SLASHER_ROLE (the timelock)
    constructor(
        ICaesarToken caesar,
        IParameterRegistry registry,
        address admin
    ) StakingPools(IBurnableERC20(address(caesar))) EIP712("CAESAR agent stake", "1") {
        if (address(registry) == address(0) || admin == address(0)) revert StakingZeroAddress();
        _CAESAR = caesar;
        _REGISTRY = registry;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(SLASHER_ROLE, admin);
    }

    // ------------------------------------------------------------------------------------ agents

    /// @inheritdoc ICaesarAgents
    function register(uint16 region, string calldata endpoint, uint256 amount) external nonReentrant {
        Pool storage pool = _pools[msg.sender];
        if (pool.registered) revert CaesarAgentsAlreadyRegistered(msg.sender);
        _checkEndpoint(endpoint);
        pool.registered = true;
        ++_agentCount;
        pool.globalAccSnapshot = _accRewardPerToken;
        _region[msg.sender] = region;
        _endpoint[msg.sender] = endpoint;
        emit AgentRegistered(msg.sender, region, endpoint);
        _stake(msg.sender, amount);
        uint256 worth = _worth(pool.bondedTokens);
        uint256 minimum = _REGISTRY.get(CaesarParams.AGENTS_MIN_STAKE);
        if (worth < minimum) revert CaesarAgentsStakeTooLow(msg.sender, worth, minimum);
    }

    /// @inheritdoc ICaesarAgents
    function addStake(uint256 amount) external nonReentrant {
        if (!_pools[msg.sender].registered) revert CaesarAgentsNotRegistered(msg.sender);
        _stake(msg.sender, amount);
    }

    /// @inheritdoc ICaesarAgents
    function setProfile(uint16 region, string calldata endpoint) external {
        if (!_pools[msg.sender].registered) revert CaesarAgentsNotRegistered(msg.sender);
        _checkEndpoint(endpoint);
        _region[msg.sender] = region;
        _endpoint[msg.sender] = endpoint;
        emit AgentProfileChanged(msg.sender, region, endpoint);
    }

    /// @inheritdoc ICaesarAgents
    function unbond(uint256 base) external nonReentrant returns (uint256 index) {
        return _unbond(base);
    }

    /// @inheritdoc ICaesarAgents
    function exit() external nonReentrant returns (uint256 index) {
        return _unbond(_positionTokens(msg.sender, msg.sender));
    }

    /// @inheritdoc ICaesarAgents
    function withdraw(uint256 index) external nonReentrant returns (uint256 amount) {
        uint256 count = _unbondings[msg.sender].length;
        if (index >= count) revert CaesarAgentsUnknownUnbonding(msg.sender, index, count);
        uint256 unlockAt = _unbondings[msg.sender][index].unlockAt;
        if (block.timestamp < unlockAt) revert CaesarAgentsStillUnbonding(msg.sender, index, block.timestamp, unlockAt);
        (, uint256 base) = _takeUnbonding(msg.sender, index);
        amount = _worth(base);
        emit AgentWithdrawn(msg.sender, base, amount);
        if (amount != 0) _CAESAR.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ICaesarAgents
    function slash(
        address agent,
        uint256 base,
        bytes32 evidence
    ) external onlyRole(SLASHER_ROLE) nonReentrant returns (uint256 slashed) {
        Pool storage pool = _pools[agent];
        if (!pool.registered) revert CaesarAgentsNotRegistered(agent);
        if (base == 0) revert StakingZeroAmount();
        uint256 unbonding = pool.unbondingTokens;
        slashed = Math.min(base, pool.bondedTokens + unbonding);
        // Segment ids start at 1 (0 = none); the walk covers every segment of the agent.
        _slashPools(agent, unbonding == 0 ? 0 : 1, slashed, unbonding);
        _syncVotes(agent, pool, _positions[agent][agent]);
        uint256 amount = _worth(slashed);
        emit AgentSlashed(agent, slashed, amount, evidence);
        if (amount != 0) _CAESAR.safeTransfer(_CAESAR.stabilityReserve(), amount);
    }

    // ------------------------------------------------------------------------------------ views

    /// @inheritdoc ICaesarAgents
    function token() external view returns (ICaesarToken) {
        return _CAESAR;
    }

    /// @inheritdoc ICaesarAgents
    function agentCount() external view returns (uint256) {
        return _agentCount;
    }

    /// @inheritdoc ICaesarAgents
    function activeAgent(address agent) external view returns (bool active, uint16 region) {
        Pool storage pool = _pools[agent];
        if (!pool.registered) return (false, 0);
        active = _worth(pool.bondedTokens) >= _REGISTRY.get(CaesarParams.AGENTS_MIN_STAKE) && pool.bondedTokens != 0;
        region = _region[agent];
    }

    /// @inheritdoc ICaesarAgents
    function agentOf(
        address agent
    )
        external
        view
        returns (bool registered, uint16 region, string memory endpoint, uint256 bondedBase, uint256 bondedWei)
    {
        Pool storage pool = _pools[agent];
        bondedBase = pool.bondedTokens;
        return (pool.registered, _region[agent], _endpoint[agent], bondedBase, _worth(bondedBase));
    }

    /// @inheritdoc ICaesarAgents
    function unbondingsOf(address account) external view returns (Unbonding[] memory) {
        return _unbondings[account];
    }

    /// @inheritdoc AccessControl
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(ICaesarAgents).interfaceId || super.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------------------------ internals

    /// @inheritdoc StakingPools
    function _unbondingPeriod() internal view override returns (uint256) {
        return _REGISTRY.get(CaesarParams.AGENTS_UNBONDING_PERIOD);
    }

    /// @dev Pulls `amount` wei from `agent` and bonds the base units the registry gained.
    function _stake(address agent, uint256 amount) private {
        if (amount == 0) revert StakingZeroAmount();
        ICaesarToken.Kind kind = _CAESAR.kindOf(address(this));
        if (kind != ICaesarToken.Kind.FeeFree) revert CaesarAgentsNotFeeFree(kind);
        uint256 before = _CAESAR.baseOf(address(this));
        _CAESAR.safeTransferFrom(agent, address(this), amount);
        uint256 base = _CAESAR.baseOf(address(this)) - before;
        if (base == 0) revert StakingZeroAmount();
        _deposit(agent, agent, base);
        emit AgentStaked(agent, amount, base);
    }

    function _unbond(uint256 base) private returns (uint256 index) {
        if (!_pools[msg.sender].registered) revert CaesarAgentsNotRegistered(msg.sender);
        if (base == 0) revert StakingZeroAmount();
        index = _unbondings[msg.sender].length;
        if (index >= MAX_UNBONDINGS) revert CaesarAgentsTooManyUnbondings(msg.sender, index, MAX_UNBONDINGS);
        uint256 unlockAt = _startUnbonding(msg.sender, msg.sender, base);
        emit AgentUnbonding(msg.sender, index, base, unlockAt);
    }

    function _checkEndpoint(string calldata endpoint) private pure {
        if (bytes(endpoint).length > MAX_ENDPOINT_LENGTH) {
            revert CaesarAgentsEndpointTooLong(bytes(endpoint).length, MAX_ENDPOINT_LENGTH);
        }
    }

    /// @dev Wei value of `base` base units now, rounded down: what a withdrawal or a slash pays, so the token debits
    /// at most `base` base units and the registry's base units always cover the book (virtual for the canary
    /// LeakyCaesarAgents, which rounds up).
    function _worth(uint256 base) internal view virtual returns (uint256) {
        return base == 0 ? 0 : base.toAmountDown(_CAESAR.index());
    }
}
