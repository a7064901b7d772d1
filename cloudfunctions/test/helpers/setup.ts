// `testTimeout` in a project config is ignored when jest runs several projects: set it here for every file.
jest.setTimeout(120_000)
