import packageJSON from '../package.json' with { type: 'json' };

/** The seer command's version, from its package.json (read into the built command when it is bundled). */
export const CLI_VERSION: string = packageJSON.version;
