"""Developer tools around MallCRM: the mall simulator, data generators, benchmarks."""
