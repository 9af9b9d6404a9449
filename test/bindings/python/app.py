#!/usr/bin/env python3
"""The example app in Python: the same stack as example/app.ts, synthesized by the binding tests."""
import aws_cdk as cdk

from batch_example_stack import BatchExampleStack

app = cdk.App()
BatchExampleStack(app, "BatchExample")
app.synth()
