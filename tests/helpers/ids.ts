/** A well-formed UUID (version 4 shape) that no sandbox fixture uses: the id of something that does not exist. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
