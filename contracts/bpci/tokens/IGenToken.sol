// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";

/// @title IGenToken
/// @notice GEN (Genesis), BPCI's governance token: a fixed supply of 100,000 GEN minted once at deployment (no minter,
/// no burn), EIP-2612 permit, ERC-5805 votes on the timestamp clock, and a concentration limit per holder.
/// @dev Powers. `DEFAULT_ADMIN_ROLE` (the timelock) manages the exempt list (treasury, timelock, vesting contracts)
/// and roles; it cannot mint, burn or move anyone's tokens. The limit is `bpci.gen.maxHolderBps` of the supply from
/// the registry (bounded and rate-limited there), never read below `LIMIT_FLOOR_BPS`.
/// Warning: the limit is checked on the receiving side of every transfer: a non-exempt account may not end a
/// transfer above it. An account that loses its exemption while above the limit keeps its balance but can receive
/// nothing more (a self-transfer included) until it is below the limit again. One person can split holdings over
/// many addresses: the limit bounds what one address votes with, not what one person owns.
interface IGenToken is IERC20, IERC5805 {
    /// @notice A transfer (or the genesis mint) would leave `account`, which is not exempt, above the limit.
    /// @param account the receiver
    /// @param balanceAfter its balance after the transfer (wei)
    /// @param limit the largest balance a non-exempt account may hold (wei)
    error GenHolderLimitExceeded(address account, uint256 balanceAfter, uint256 limit);

    /// @notice The genesis amounts do not add up to the fixed supply.
    /// @param total sum of the genesis amounts (wei)
    /// @param required the fixed supply (wei)
    error GenGenesisSupplyMismatch(uint256 total, uint256 required);

    /// @notice The genesis recipient and amount lists differ in length.
    error GenGenesisLengthMismatch(uint256 recipients, uint256 amounts);

    /// @notice A zero address where an account or contract is required (admin, registry).
    error GenZeroAddress();

    /// @notice `account` joined (`exempt == true`) or left the exempt list; `by` is the admin who changed it.
    event HolderExemptionSet(address indexed account, bool exempt, address indexed by);

    /// @notice `amount` GEN went to `recipient` at genesis.
    event GenesisAllocated(address indexed recipient, uint256 amount);

    /// @notice The token's copy of the limit became `limit` wei (`limitBps` of the supply), read from the registry.
    event HolderLimitSynced(uint256 limitBps, uint256 limit);

    /// @notice The fixed supply: 100,000 GEN (wei).
    function TOTAL_SUPPLY() external view returns (uint256);

    /// @notice The lowest limit GEN ever applies, in bps of the supply (1% = 1,000 GEN): a registry value below it is
    /// read as this floor. Transfers that leave the receiver at or below the floor skip the limit check entirely.
    function LIMIT_FLOOR_BPS() external view returns (uint256);

    /// @notice The parameter registry GEN reads `bpci.gen.maxHolderBps` from.
    function registry() external view returns (IParameterRegistry);

    /// @notice Whether `account` may hold more than the limit.
    function isExempt(address account) external view returns (bool);

    /// @notice The limit in bps of the supply now: `max(bpci.gen.maxHolderBps, LIMIT_FLOOR_BPS)`.
    function maxHolderBps() external view returns (uint256);

    /// @notice The largest balance a non-exempt account may hold now (wei): `TOTAL_SUPPLY * maxHolderBps / 10,000`.
    function holderLimit() external view returns (uint256);

    /// @notice The limit the token tests first (wei): `holderLimit()` as of the last `syncHolderLimit`. A receiver
    /// at or below it passes without reading the registry; above it the registry's limit decides.
    function cachedHolderLimit() external view returns (uint256);

    /// @notice Re-reads `bpci.gen.maxHolderBps` into the token's copy (anyone; a proposal that lowers the limit calls
    /// it in the same batch, since until then receivers between the new and the old limit still pass). Emits
    /// `HolderLimitSynced`.
    /// @return limit the limit now applied (wei)
    function syncHolderLimit() external returns (uint256 limit);

    /// @notice Adds `account` to, or removes it from, the exempt list. Only `DEFAULT_ADMIN_ROLE` (the timelock).
    /// @param account the treasury, the timelock, a vesting contract, ...
    /// @param exempt true to exempt it
    function setExempt(address account, bool exempt) external;
}
