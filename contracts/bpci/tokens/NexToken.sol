// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {CappedVotesToken} from "../../tokens/CappedVotesToken.sol";
import {ICappedVotesToken} from "../../tokens/ICappedVotesToken.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {BpciParams} from "../BpciParams.sol";
import {INexToken} from "./INexToken.sol";

/// @title NexToken
/// @notice NEX: the capped, vote-carrying mining-reward token of BPCI, minted only by the PoE mining contract.
/// @dev Design. The kit's CappedVotesToken holds the lifetime cap on cumulative minted supply (burns never reopen
/// room), permit, votes and the timestamp clock; NEX adds the minter role and the yearly window. The window is one
/// storage slot `{year, minted}`: a mint in a later year than the stored one starts from 0, so the accounting is
/// O(1) and needs no keeper. Burns do not give back yearly room either (the window counts minting).
contract NexToken is CappedVotesToken, AccessControl, INexToken {
    /// @inheritdoc INexToken
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    /// @inheritdoc INexToken
    uint256 public constant YEAR = 365 days;

    /// @inheritdoc INexToken
    IParameterRegistry public immutable registry;
    /// @inheritdoc INexToken
    uint256 public immutable genesisTime;

    /// @dev The issuance year of the last mint and what that year minted (wei).
    struct Window {
        uint64 year;
        uint192 minted;
    }

    Window private _window;

    /// @param admin receives DEFAULT_ADMIN_ROLE (the timelock), which grants MINTER_ROLE to the PoE mining contract
    /// @param registry_ the kit ParameterRegistry holding `bpci.nex.yearlyCap`
    /// @param lifetimeCap cap on cumulative minted NEX (wei), in [1, 2^208 - 1]
    constructor(
        address admin,
        IParameterRegistry registry_,
        uint256 lifetimeCap
    ) CappedVotesToken("Nexus", "NEX", lifetimeCap) {
        if (admin == address(0) || address(registry_) == address(0)) revert NexZeroAddress();
        registry = registry_;
        genesisTime = block.timestamp;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc INexToken
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        if (_halted()) revert NexMintingHalted(msg.sender);
        (uint256 year, uint256 mintedInYear) = _consumeYearlyCap(amount);
        _mintCapped(to, amount);
        emit NexMinted(msg.sender, to, amount, year, mintedInYear);
    }

    /// @inheritdoc ICappedVotesToken
    /// @dev Calls ERC20Burnable directly (as QUIV does): the base's override only forwards.
    function burn(uint256 amount) public override(CappedVotesToken, ICappedVotesToken) {
        ERC20Burnable.burn(amount);
    }

    /// @inheritdoc ICappedVotesToken
    function burnFrom(address account, uint256 amount) public override(CappedVotesToken, ICappedVotesToken) {
        ERC20Burnable.burnFrom(account, amount);
    }

    /// @inheritdoc INexToken
    function currentYear() public view returns (uint256) {
        return (block.timestamp - genesisTime) / YEAR;
    }

    /// @inheritdoc INexToken
    function yearlyAllowance()
        external
        view
        returns (uint256 year, uint256 minted, uint256 yearlyCap, uint256 remaining)
    {
        year = currentYear();
        Window memory w = _window;
        minted = w.year == year ? w.minted : 0;
        yearlyCap = registry.get(BpciParams.NEX_YEARLY_CAP);
        remaining = yearlyCap > minted && !_halted() ? yearlyCap - minted : 0;
    }

    /// @dev Whether the stability monitor's halt is on (`bpci.stability.mintHalted` != 0).
    function _halted() private view returns (bool) {
        return registry.get(BpciParams.STABILITY_MINT_HALTED) != 0;
    }

    /// @dev Checks `amount` against the current year's room and records it; returns the year and its new total.
    function _consumeYearlyCap(uint256 amount) internal virtual returns (uint256 year, uint256 mintedInYear) {
        year = currentYear();
        Window memory w = _window;
        uint256 minted = w.year == year ? w.minted : 0;
        uint256 yearlyCap = registry.get(BpciParams.NEX_YEARLY_CAP);
        // Comparing with the room (not `minted + amount`) rejects an amount near 2^256 without a Panic.
        uint256 room = yearlyCap > minted ? yearlyCap - minted : 0;
        if (amount > room) revert NexYearlyCapExceeded(msg.sender, year, minted, amount, yearlyCap);
        // minted + amount <= yearlyCap <= 2^128 - 1 (a registry value) fits in uint192; year < 2^64 for 5e11 years.
        mintedInYear = minted + amount;
        _window = Window(uint64(year), uint192(mintedInYear));
    }

    /// @dev NEX's error for a mint past the lifetime cap.
    function _revertCapExceeded(uint256 minted, uint256 amount, uint256 cap_) internal pure override {
        revert NexCapExceeded(minted, amount, cap_);
    }

    /// @dev NEX's error for a zero-amount mint.
    function _revertZeroAmount() internal pure override {
        revert NexZeroAmount();
    }

    /// @dev NEX's error for a lifetime cap outside [1, 2^208 - 1] at deployment.
    function _revertInvalidCap(uint256 cap_, uint256 maxCap) internal pure override {
        revert NexInvalidCap(cap_, maxCap);
    }
}
