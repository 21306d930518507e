// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICappedVotesToken} from "../tokens/ICappedVotesToken.sol";

/// @title IQuivToken
/// @notice The QUIV token of the QUIVer inference economy: an ERC-20 with 18 decimals, EIP-2612 permit,
/// ERC-5805 votes on a timestamp clock, burnable by holders, and a hard cap of 1,000,000,000 QUIV on the
/// *cumulative* minted supply.
/// @dev Powers: `MINTER_ROLE` may `mint` (held by the EmissionController after genesis; granted and revoked
/// by `DEFAULT_ADMIN_ROLE`, which the timelock holds). Nobody can mint past `cap()`, and burning never
/// reopens room under the cap because the cap bounds `totalMinted()`, not `totalSupply()`. Built on the kit's
/// capped votes token (contracts/tokens), with QUIV's own errors in place of the base's defaults.
interface IQuivToken is ICappedVotesToken {
    /// @notice A mint would push the cumulative minted supply over the cap.
    /// @param totalMinted cumulative minted supply before the mint (wei)
    /// @param amount requested mint (wei)
    /// @param cap the hard cap (wei)
    error QuivCapExceeded(uint256 totalMinted, uint256 amount, uint256 cap);

    /// @notice A mint or genesis allocation of zero tokens, which is always a caller mistake.
    error QuivZeroAmount();

    /// @notice The genesis recipients and amounts arrays differ in length.
    error QuivGenesisLengthMismatch(uint256 recipients, uint256 amounts);

    /// @notice The admin given to the constructor is the zero address.
    error QuivZeroAdmin();

    /// @notice Emitted once per genesis recipient at deployment. Later mints are the standard
    /// `Transfer(address(0), to, amount)`; `totalMinted()` is the sum of all of them.
    /// @param recipient who received the allocation
    /// @param amount allocation in wei
    event GenesisAllocated(address indexed recipient, uint256 amount);

    /// @notice Role allowed to mint.
    function MINTER_ROLE() external view returns (bytes32);

    /// @notice Mints `amount` to `to`.
    /// @dev Reverts with `AccessControlUnauthorizedAccount` unless the caller has MINTER_ROLE, `QuivZeroAmount`
    /// for 0, `ERC20InvalidReceiver` for the zero address, `QuivCapExceeded` if `totalMinted() + amount > cap()`.
    /// @param to recipient
    /// @param amount wei to mint
    function mint(address to, uint256 amount) external;

    /// @notice The hard cap on cumulative minted supply: 1,000,000,000 QUIV (1e27 wei).
    function cap() external pure override returns (uint256);
}
