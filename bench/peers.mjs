// Peer libraries measured on the same data in the same run. Filled in as peers are added.
export const peers = [];
