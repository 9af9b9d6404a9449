'use strict';
// Preloaded with `node -r`: resolves `aws-cdk-lib` and `constructs` from the node_modules folder of
// BATCH_AWS_CDK_LIB_DIR instead of the project's, so that the TypeScript example app synthesizes on the same
// aws-cdk-lib version as an app in another language (the C# app restores the Amazon.CDK.Lib that NuGet serves).
const Module = require('module');
const path = require('path');

const dir = process.env.BATCH_AWS_CDK_LIB_DIR;
if (dir) {
  const paths = [path.resolve(dir, 'node_modules')];
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, isMain, options) {
    if (/^(aws-cdk-lib|constructs)(\/|$)/.test(request)) {
      return resolve.call(this, request, parent, isMain, { ...options, paths });
    }
    return resolve.call(this, request, parent, isMain, options);
  };
}
