// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {CappedVotesToken} from "../../tokens/CappedVotesToken.sol";

/// @title MockCappedVotesToken
/// @notice The smallest final token on the kit's capped votes base: the owner mints under the cap, and the base's
/// default errors (`ICappedVotesTokenErrors`) are thrown.
contract MockCappedVotesToken is CappedVotesToken, Ownable {
    constructor(
        string memory name_,
        string memory symbol_,
        uint256 cap_,
        address owner_
    ) CappedVotesToken(name_, symbol_, cap_) Ownable(owner_) {}

    /// @notice Mints `amount` to `to` under the cap (owner only).
    function mint(address to, uint256 amount) external onlyOwner {
        _mintCapped(to, amount);
    }
}
