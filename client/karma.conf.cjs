// Karma for `ng test` (@angular/build:karma). The builder adds its own files, middleware and
// reporter; this file only chooses the framework, the browser and how results are printed.
process.env.CHROME_BIN ||= '/usr/bin/chromium';

module.exports = function (config) {
  config.set({
    frameworks: ['jasmine'],
    plugins: [require('karma-jasmine'), require('karma-chrome-launcher')],
    client: {
      jasmine: { random: true },
    },
    reporters: ['dots'],
    browsers: ['ChromeHeadlessNoSandbox'],
    customLaunchers: {
      ChromeHeadlessNoSandbox: {
        base: 'ChromeHeadless',
        flags: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    },
    browserNoActivityTimeout: 60000,
    // npm test runs the server suites beside this one: on a busy machine the browser's thread can be starved
    // for more than socket.io's default 5 s while it loads the bundle, which Karma took for a lost browser.
    pingTimeout: 60000,
    browserDisconnectTimeout: 30000,
    browserDisconnectTolerance: 1,
    captureTimeout: 120000,
    singleRun: !!process.env.CI,
    restartOnFileChange: true,
  });
};
