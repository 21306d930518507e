// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {CappedVotesToken} from "../../tokens/CappedVotesToken.sol";

/// @title MockMintableVotesToken
/// @notice A kit-only final token on the capped votes base, shaped the way a preset's governance token is: a
/// genesis allocation minted at deployment, an AccessControl admin and a `MINTER_ROLE` that mints under the cap,
/// both held by `admin` until the kit's hand-over (deploy/blocks/handover.ts) moves them to the timelock. The toy
/// preset of the SDK tests (test/sdk/toyPreset.ts) deploys it, so that proof of a new economy plugging in needs
/// nothing from any economy folder. The base's default errors (`ICappedVotesTokenErrors`) are thrown.
contract MockMintableVotesToken is CappedVotesToken, AccessControl {
    /// @notice Role allowed to mint under the cap.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @notice The admin given is the zero address.
    error MockTokenZeroAdmin();
    /// @notice The genesis recipients and amounts differ in length.
    /// @param recipients number of recipients
    /// @param amounts number of amounts
    error MockTokenGenesisLengthMismatch(uint256 recipients, uint256 amounts);

    /// @param name_ token name, also the EIP-712 domain name
    /// @param symbol_ token symbol
    /// @param cap_ hard cap on cumulative minted supply (wei)
    /// @param admin receives DEFAULT_ADMIN_ROLE and MINTER_ROLE (the deployer, until the hand-over)
    /// @param recipients genesis recipients
    /// @param amounts genesis amounts (wei), one per recipient, each minted under the cap
    constructor(
        string memory name_,
        string memory symbol_,
        uint256 cap_,
        address admin,
        address[] memory recipients,
        uint256[] memory amounts
    ) CappedVotesToken(name_, symbol_, cap_) {
        if (admin == address(0)) revert MockTokenZeroAdmin();
        if (recipients.length != amounts.length) {
            revert MockTokenGenesisLengthMismatch(recipients.length, amounts.length);
        }
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(MINTER_ROLE, admin);
        for (uint256 i = 0; i < recipients.length; ++i) _mintCapped(recipients[i], amounts[i]);
    }

    /// @notice Mints `amount` to `to` under the cap (MINTER_ROLE only).
    /// @param to receiver
    /// @param amount wei to mint
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mintCapped(to, amount);
    }
}
