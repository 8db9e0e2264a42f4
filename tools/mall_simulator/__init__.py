"""A simulated pharmaceutical B2B mall: it generates a consistent history of registrations,
logins, orders and stock, pushes it to the CRM as signed webhook batches (the contract in
shared/contracts/mall-events.md) and serves the export API the CRM reconciles from."""
